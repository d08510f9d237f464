import type { Rule } from '../../define-rule.js';
import { callbackUrlPlainHttp } from './callback-url-plain-http.js';
import { callbackWithoutPayloadSchema } from './callback-without-payload-schema.js';
import { callbackWithoutSecurity } from './callback-without-security.js';
import { thirdPartyFetchWithoutResponseConstraints } from './third-party-fetch-without-response-constraints.js';

/** Rules for OWASP API10:2023, in a fixed order. */
export const api10Rules: readonly Rule[] = [
  callbackWithoutPayloadSchema,
  callbackWithoutSecurity,
  callbackUrlPlainHttp,
  thirdPartyFetchWithoutResponseConstraints,
];
