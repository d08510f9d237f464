import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';

export const scopedOperationWithout403 = defineRule({
  id: 'scoped-operation-without-403',
  title: 'Operation with scopes documents no 403',
  severity: 'info',
  scope: 'operation',
  owasp: 'API8',
  cwe: 1059,
  confidence: 'firm',
  description:
    'The operation requires OAuth scopes (or roles) but documents no 403 (or `4XX`) response. Authorization is ' +
    'then not part of the contract: nobody states that a token without the scope is refused, and the scanner ' +
    'cannot tell a correct refusal from a function-level authorization gap. ' +
    'Reported once per document, listing the operations.',
  remediation: 'Document a 403 response on every operation whose security requirement lists scopes or roles.',
  check({ model, report }) {
    const missing: Operation[] = [];
    for (const operation of model.operations) {
      if (allowsAnonymous(operation.security)) continue;
      if (!operation.security.some((a) => Object.values(a).some((scopes) => scopes.length > 0))) continue;
      if (operation.responses.some((r) => r.status === '403' || r.status.toUpperCase() === '4XX')) continue;
      missing.push(operation);
    }
    // One finding per document: the gap is a documentation habit, not a per-operation decision.
    const [first, ...rest] = missing;
    if (first === undefined) return;
    const n = missing.length;
    const more = n === 1 ? '' : ` and ${n - 1} other operation(s)`;
    report({
      message: `${first.key}${more} require${n === 1 ? 's' : ''} scopes but document${n === 1 ? 's' : ''} no 403: document the refusal of tokens without them`,
      pointer: first.pointer,
      operation: first,
      relatedOperations: rest,
    });
  },
});
