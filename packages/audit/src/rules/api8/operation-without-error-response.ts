import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

export const operationWithoutErrorResponse = defineRule({
  id: 'operation-without-error-response',
  title: 'Operation documents no client-error response',
  severity: 'info',
  scope: 'operation',
  owasp: 'API8',
  cwe: 1059,
  confidence: 'firm',
  description:
    'The operation documents no 4xx response (no 400, 422, `4XX` or `default`). Nothing says how invalid input ' +
    'is rejected or what an error body looks like, so clients guess, validators and gateways cannot check error ' +
    'bodies, and unplanned errors tend to leak framework defaults (stack traces, HTML error pages). ' +
    'Reported once per document, listing the operations.',
  remediation:
    'Document at least 400 (or 422) with an error schema, ideally `application/problem+json` (RFC 9457), or a ' +
    '`4XX`/`default` response that covers them.',
  check({ model, report }) {
    const missing: Operation[] = [];
    for (const operation of model.operations) {
      if (operation.responses.length === 0) continue;
      if (operation.responses.some((r) => /^4/.test(r.status) || r.status === 'default')) continue;
      missing.push(operation);
    }
    // One finding per document: the gap is a documentation habit, not a per-operation decision.
    const [first, ...rest] = missing;
    if (first === undefined) return;
    const n = missing.length;
    const more = n === 1 ? '' : ` and ${n - 1} other operation(s)`;
    report({
      message: `${first.key}${more} document${n === 1 ? 's' : ''} no 4xx or default response: document 400/422 with an error schema`,
      pointer: first.pointer,
      operation: first,
      relatedOperations: rest,
    });
  },
});
