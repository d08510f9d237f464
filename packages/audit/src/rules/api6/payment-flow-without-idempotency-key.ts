import type { JsonSchema } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { walkPropertyNames } from '../../inspect/walk-property-names.js';
import { classifyBusinessFlow } from './classify-business-flow.js';

const MONEY_FLOWS = new Set(['purchase', 'payment', 'transfer']);

function isIdempotencyName(name: string): boolean {
  const words = wordsOf(name);
  return words.includes('idempotency') || words.includes('idempotent') || words.join('') === 'dedupkey';
}

const idempotencyByRoot = new WeakMap<JsonSchema, boolean>();

/** Whether a body declares an idempotency key within two levels (cached per schema: bodies are shared). */
function bodyHasIdempotencyKey(schema: JsonSchema): boolean {
  let found = idempotencyByRoot.get(schema);
  if (found === undefined) {
    found = false;
    walkPropertyNames(schema, (_, name, depth) => {
      if (name !== undefined && isIdempotencyName(name)) {
        found = true;
        return 'stop';
      }
      return depth > 2 ? 'skip' : undefined;
    });
    idempotencyByRoot.set(schema, found);
  }
  return found;
}

export const paymentFlowWithoutIdempotencyKey = defineRule({
  id: 'payment-flow-without-idempotency-key',
  title: 'Payment or order creation without an idempotency key',
  severity: 'low',
  scope: 'operation',
  owasp: 'API6',
  cwe: 837,
  confidence: 'tentative',
  description:
    'A POST that creates an order, payment, charge or transfer takes no idempotency key (an `Idempotency-Key` ' +
    'header or body field). A retried, replayed or double-submitted request then creates a second charge or ' +
    'transfer, and an automated client can race the flow to spend one balance or one coupon twice.',
  remediation:
    'Accept an `Idempotency-Key` header (IETF draft `httpapi-idempotency-key-header`) on money-moving POSTs, ' +
    'store the result per key, and answer repeats with the stored result.',
  check({ model, report }) {
    const hasSchemes = Object.keys(model.securitySchemes).length > 0;
    for (const operation of model.operations) {
      if (operation.method !== 'post') continue;
      const flow = classifyBusinessFlow(operation, hasSchemes);
      if (flow === undefined || !MONEY_FLOWS.has(flow)) continue;
      if (operation.parameters.some((p) => isIdempotencyName(p.name))) continue;
      if (
        (operation.requestBody?.content ?? []).some(
          (m) => m.schema !== undefined && bodyHasIdempotencyKey(m.schema),
        )
      ) {
        continue;
      }
      report({
        message: `${operation.key} starts ${/^[aeiou]/.test(flow) ? 'an' : 'a'} ${flow} flow without an idempotency key: a retry or replay repeats it; accept an Idempotency-Key header`,
        pointer: operation.pointer,
        operation,
        snippet: flow,
      });
    }
  },
});
