import type { Rule } from '../../define-rule.js';
import { corsWildcardWithCredentials } from './cors-wildcard-with-credentials.js';
import { errorSchemaExposesInternals } from './error-schema-exposes-internals.js';
import { htmlResponseOnJsonApi } from './html-response-on-json-api.js';
import { operationWithoutErrorResponse } from './operation-without-error-response.js';
import { scopedOperationWithout403 } from './scoped-operation-without-403.js';
import { securedOperationWithout401 } from './secured-operation-without-401.js';
import { sensitiveResponseWithoutNoStore } from './sensitive-response-without-no-store.js';
import { serverUrlInternalHost } from './server-url-internal-host.js';
import { serverUrlPlainHttp } from './server-url-plain-http.js';
import { stateChangingGetOperation } from './state-changing-get-operation.js';
import { traceOperationExposed } from './trace-operation-exposed.js';

/** Rules for OWASP API8:2023, in a fixed order. */
export const api8Rules: readonly Rule[] = [
  serverUrlPlainHttp,
  serverUrlInternalHost,
  corsWildcardWithCredentials,
  errorSchemaExposesInternals,
  stateChangingGetOperation,
  htmlResponseOnJsonApi,
  traceOperationExposed,
  operationWithoutErrorResponse,
  securedOperationWithout401,
  scopedOperationWithout403,
  sensitiveResponseWithoutNoStore,
];
