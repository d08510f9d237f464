import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';
import { describeSecurity } from '../describe-security.js';
import { findEquallyGuardedOperation } from './find-equally-guarded-operation.js';
import { isAdminPath } from './is-admin-path.js';

export const adminPathSharesUserSecurity = defineRule({
  id: 'admin-path-shares-user-security',
  title: 'Admin or internal path protected like ordinary user paths',
  severity: 'high',
  scope: 'operation',
  owasp: 'API5',
  cwe: 285,
  confidence: 'firm',
  description:
    'Operations under admin or internal-looking paths (`/admin`, `/internal`, `/manage`, `/actuator`, `/ops`, ' +
    '`/debug`) accept exactly the credentials that ordinary user operations accept: the same schemes and no ' +
    'additional scope. Nothing in the contract separates an administrator from a user, so any user token is ' +
    'one request away from the administrative functions unless every handler re-checks roles correctly.',
  remediation:
    'Give administrative operations a distinct scope (e.g. `admin`), role or scheme in their `security`, or move ' +
    'them out of the public API (separate document, gateway, network).',
  check({ model, report }) {
    const admin = model.operations.filter((o) => isAdminPath(o.path));
    const user = model.operations.filter((o) => !isAdminPath(o.path));
    if (admin.length === 0 || user.length === 0) return;
    // One finding per security setup shared by admin operations: that is the root cause to fix.
    const groups = new Map<string, { operations: Operation[]; example: Operation }>();
    for (const operation of admin) {
      if (allowsAnonymous(operation.security)) continue;
      const example = findEquallyGuardedOperation(operation, user);
      if (example === undefined) continue;
      const signature = describeSecurity(operation.security);
      const group = groups.get(signature);
      if (group === undefined) groups.set(signature, { operations: [operation], example });
      else group.operations.push(operation);
    }
    for (const [signature, { operations, example }] of groups) {
      const [first, ...rest] = operations as [Operation, ...Operation[]];
      report({
        message:
          `${operations.length === 1 ? first.key : `${operations.length} admin/internal operations (e.g. ${first.key})`} ` +
          `accept ${signature}, the same credentials as ordinary ${example.key}: add an admin scope or scheme`,
        pointer: first.pointer,
        operation: first,
        relatedOperations: rest,
        snippet: signature,
      });
    }
  },
});
