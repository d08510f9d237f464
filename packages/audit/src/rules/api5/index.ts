import type { Rule } from '../../define-rule.js';
import { adminDescribedOperationWithoutDistinctPrivilege } from './admin-described-operation-without-distinct-privilege.js';
import { adminOperationWithoutAuthentication } from './admin-operation-without-authentication.js';
import { adminPathSharesUserSecurity } from './admin-path-shares-user-security.js';
import { destructiveOperationWeakerThanRead } from './destructive-operation-weaker-than-read.js';
import { methodOverrideAccepted } from './method-override-accepted.js';
import { oauth2OperationWithoutScopes } from './oauth2-operation-without-scopes.js';

/** Rules for OWASP API5:2023, in a fixed order. */
export const api5Rules: readonly Rule[] = [
  destructiveOperationWeakerThanRead,
  adminPathSharesUserSecurity,
  adminOperationWithoutAuthentication,
  oauth2OperationWithoutScopes,
  adminDescribedOperationWithoutDistinctPrivilege,
  methodOverrideAccepted,
];
