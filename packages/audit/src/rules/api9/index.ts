import type { Rule } from '../../define-rule.js';
import { deprecatedOperationWithoutSunset } from './deprecated-operation-without-sunset.js';
import { duplicateOperationId } from './duplicate-operation-id.js';
import { infoWithoutContact } from './info-without-contact.js';
import { multipleApiVersions } from './multiple-api-versions.js';
import { nonProductionServerListed } from './non-production-server-listed.js';
import { operationWithoutId } from './operation-without-id.js';
import { serverWithoutDescription } from './server-without-description.js';
import { undocumentedOperation } from './undocumented-operation.js';

/** Rules for OWASP API9:2023, in a fixed order. */
export const api9Rules: readonly Rule[] = [
  multipleApiVersions,
  deprecatedOperationWithoutSunset,
  nonProductionServerListed,
  serverWithoutDescription,
  duplicateOperationId,
  infoWithoutContact,
  operationWithoutId,
  undocumentedOperation,
];
