import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';

export const securedOperationWithout401 = defineRule({
  id: 'secured-operation-without-401',
  title: 'Secured operation documents no 401',
  severity: 'info',
  scope: 'operation',
  owasp: 'API8',
  cwe: 1059,
  confidence: 'firm',
  description:
    'The operation requires authentication but documents no 401 (or `4XX`) response. The contract does not say ' +
    'what happens without valid credentials, so tests and the scanner cannot tell a correct rejection from a ' +
    'misconfiguration that lets the request through, and clients cannot tell "log in again" from other errors. ' +
    'Reported once per document, listing the operations.',
  remediation: 'Document a 401 response (with a `WWW-Authenticate` header) on every secured operation.',
  check({ model, report }) {
    const missing: Operation[] = [];
    for (const operation of model.operations) {
      if (allowsAnonymous(operation.security)) continue;
      if (operation.responses.some((r) => r.status === '401' || r.status.toUpperCase() === '4XX')) continue;
      missing.push(operation);
    }
    // One finding per document: the gap is a documentation habit, not a per-operation decision.
    const [first, ...rest] = missing;
    if (first === undefined) return;
    const n = missing.length;
    const more = n === 1 ? '' : ` and ${n - 1} other operation(s)`;
    report({
      message: `${first.key}${more} require${n === 1 ? 's' : ''} authentication but document${n === 1 ? 's' : ''} no 401: document the unauthenticated answer`,
      pointer: first.pointer,
      operation: first,
      relatedOperations: rest,
    });
  },
});
