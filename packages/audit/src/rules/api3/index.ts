import type { Rule } from '../../define-rule.js';
import { massAssignmentCandidate } from './mass-assignment-candidate.js';
import { passwordNotWriteOnly } from './password-not-write-only.js';
import { privilegedFieldWritable } from './privileged-field-writable.js';
import { requestAdditionalPropertiesOpen } from './request-additional-properties-open.js';
import { responseWithoutSchema } from './response-without-schema.js';
import { sensitiveFieldInResponse } from './sensitive-field-in-response.js';
import { sharedRequestResponseSchema } from './shared-request-response-schema.js';

/** Rules for OWASP API3:2023, in a fixed order. */
export const api3Rules: readonly Rule[] = [
  massAssignmentCandidate,
  privilegedFieldWritable,
  sensitiveFieldInResponse,
  passwordNotWriteOnly,
  requestAdditionalPropertiesOpen,
  sharedRequestResponseSchema,
  responseWithoutSchema,
];
