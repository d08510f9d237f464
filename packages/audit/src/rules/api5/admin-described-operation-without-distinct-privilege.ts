import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';
import { describeSecurity } from '../describe-security.js';
import { findEquallyGuardedOperation } from './find-equally-guarded-operation.js';
import { isAdminDescribed } from './is-admin-described.js';
import { isAdminPath } from './is-admin-path.js';

export const adminDescribedOperationWithoutDistinctPrivilege = defineRule({
  id: 'admin-described-operation-without-distinct-privilege',
  title: 'Operation described as admin-only has no distinct scope or scheme',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API5',
  cwe: 285,
  confidence: 'tentative',
  description:
    'An operation is tagged or documented as admin-only ("admin" tag or operationId, "requires administrator", ' +
    '"internal use only"), yet its security requirement is one that ordinary operations also accept. The ' +
    'restriction exists only in prose; whether a user token is refused depends entirely on a role check in the ' +
    'handler, which is the function-level authorization that goes missing most often.',
  remediation:
    'Express the restriction in the contract: require an admin scope (OAuth2) or a role-bearing scheme on the ' +
    'operation so gateways, clients and tests can enforce and verify it.',
  check({ model, report }) {
    const candidates: Operation[] = [];
    const ordinary: Operation[] = [];
    for (const operation of model.operations) {
      // Admin-looking paths are covered by admin-path-shares-user-security.
      if (isAdminPath(operation.path)) continue;
      (isAdminDescribed(operation) ? candidates : ordinary).push(operation);
    }
    if (ordinary.length === 0) return;
    for (const operation of candidates) {
      if (allowsAnonymous(operation.security)) continue;
      const example = findEquallyGuardedOperation(operation, ordinary);
      if (example === undefined) continue;
      report({
        message:
          `${operation.key} is described as admin-only but accepts ${describeSecurity(operation.security)}, ` +
          `as does ordinary ${example.key}: add an admin scope or scheme`,
        pointer: operation.pointer,
        operation,
        snippet: describeSecurity(operation.security),
      });
    }
  },
});
