import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';
import { isAdminDescribed } from './is-admin-described.js';
import { isAdminPath } from './is-admin-path.js';

export const adminOperationWithoutAuthentication = defineRule({
  id: 'admin-operation-without-authentication',
  title: 'Admin or internal operation reachable without authentication',
  severity: 'high',
  scope: 'operation',
  owasp: 'API5',
  cwe: 306,
  confidence: 'firm',
  description:
    'An operation under an admin or internal-looking path, or tagged or described as admin-only, has no ' +
    'effective security requirement, or lets callers in anonymously through an empty `{}` alternative. ' +
    'Administrative functions (user management, configuration, debug and actuator endpoints) are then open to ' +
    'anyone who finds the path.',
  remediation:
    'Declare a security requirement with an admin scope or a dedicated scheme on the operation, and remove the ' +
    'empty `{}` alternative; if it must stay unauthenticated, keep it off the public network and out of this document.',
  check({ model, report }) {
    const open: Array<{ operation: Operation; byPath: boolean }> = [];
    for (const operation of model.operations) {
      const byPath = isAdminPath(operation.path);
      if (!byPath && !isAdminDescribed(operation)) continue;
      if (allowsAnonymous(operation.security)) open.push({ operation, byPath });
    }
    if (open.length === 0) return;
    // A document that declares no scheme at all may simply not describe its authentication: one softer
    // finding for the whole document, since the root cause is the missing security section.
    if (Object.keys(model.securitySchemes).length === 0) {
      const [first, ...rest] = open.map((o) => o.operation) as [Operation, ...Operation[]];
      report({
        message:
          `the document declares no security scheme, so ${open.length} admin/internal operation(s) (e.g. ` +
          `${first.key}) have no authentication on paper: declare the schemes and require an admin scope`,
        pointer: first.pointer,
        operation: first,
        relatedOperations: rest,
        severity: 'medium',
        confidence: 'tentative',
      });
      return;
    }
    for (const { operation, byPath } of open) {
      const how =
        operation.security.length === 0
          ? 'has no security requirement'
          : 'makes authentication optional ({})';
      report({
        message:
          `${operation.key} is ${byPath ? 'an admin/internal path' : 'described as admin-only'} but ${how}: ` +
          'require an admin scope or scheme',
        pointer: operation.pointer,
        operation,
      });
    }
  },
});
