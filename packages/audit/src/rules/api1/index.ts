import type { Rule } from '../../define-rule.js';
import { objectIdWithOptionalAuthentication } from './object-id-with-optional-authentication.js';
import { objectIdWithoutAuthorizationResponse } from './object-id-without-authorization-response.js';
import { ownershipFieldInRequest } from './ownership-field-in-request.js';
import { sequentialObjectId } from './sequential-object-id.js';
import { unconstrainedObjectId } from './unconstrained-object-id.js';

/** Rules for OWASP API1:2023, in a fixed order. */
export const api1Rules: readonly Rule[] = [
  objectIdWithoutAuthorizationResponse,
  objectIdWithOptionalAuthentication,
  ownershipFieldInRequest,
  sequentialObjectId,
  unconstrainedObjectId,
];
