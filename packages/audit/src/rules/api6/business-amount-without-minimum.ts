import type { JsonSchema } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { walkPropertyNames } from '../../inspect/walk-property-names.js';
import { classifyBusinessFlow } from './classify-business-flow.js';

const AMOUNT_WORDS = new Set([
  'amount',
  'quantity',
  'qty',
  'price',
  'total',
  'units',
  'points',
  'credits',
  'tip',
  'seats',
  'tickets',
]);

function isAmountName(name: string): boolean {
  const last = wordsOf(name).at(-1);
  return last !== undefined && AMOUNT_WORDS.has(last);
}

function isNumeric(schema: JsonSchema): boolean {
  const type = schema['type'];
  if (type === 'integer' || type === 'number') return true;
  return Array.isArray(type) && type.some((t) => t === 'integer' || t === 'number');
}

/** The lower bound a value may take, or undefined when none is set (3.0 boolean and 3.1 numeric forms). */
function lowerBound(schema: JsonSchema): number | undefined {
  const minimum = schema['minimum'];
  const exclusive = schema['exclusiveMinimum'];
  if (typeof exclusive === 'number') return exclusive;
  return typeof minimum === 'number' ? minimum : undefined;
}

/** Amount-named body properties, in walk order (not under readOnly), cached per body schema: bodies are shared. */
const amountsByRoot = new WeakMap<JsonSchema, ReadonlyArray<{ schema: JsonSchema; name: string }>>();

function namedProperties(root: JsonSchema): ReadonlyArray<{ schema: JsonSchema; name: string }> {
  let found = amountsByRoot.get(root);
  if (found === undefined) {
    const list: Array<{ schema: JsonSchema; name: string }> = [];
    walkPropertyNames(root, (schema, name) => {
      // A property's own name (not an array item or map value under it), filtered early by the name alone.
      if (name !== undefined && name !== '[]' && name !== '*' && isAmountName(name))
        list.push({ schema, name });
      return schema['readOnly'] === true ? 'skip' : undefined;
    });
    found = list;
    amountsByRoot.set(root, found);
  }
  return found;
}

export const businessAmountWithoutMinimum = defineRule({
  id: 'business-amount-without-minimum',
  title: 'Amount or quantity in a business flow accepts negative values',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API6',
  cwe: 1284,
  confidence: 'tentative',
  description:
    'A numeric amount, quantity, price, total, points or credits input of a business flow (order, payment, ' +
    'transfer, redeem, booking…) has no `minimum`, or allows values below zero. Negative quantities and amounts ' +
    'are the classic business-logic abuse: a transfer of -100 that credits the sender, an order line of -3 ' +
    'items that lowers the total, a refund larger than the payment.',
  remediation:
    'Set `minimum: 0` (or `exclusiveMinimum: 0` / `minimum: 1` where zero makes no sense) and a sensible ' +
    '`maximum` on every amount and quantity, and enforce the same bounds server-side.',
  check({ model, report }) {
    const hasSchemes = Object.keys(model.securitySchemes).length > 0;
    for (const operation of model.operations) {
      if (classifyBusinessFlow(operation, hasSchemes) === undefined) continue;
      const check = (schema: JsonSchema, name: string, node: object, where: string) => {
        if (!isAmountName(name) || !isNumeric(schema) || schema['readOnly'] === true) return;
        const bound = lowerBound(schema);
        if (bound !== undefined && bound >= 0) return;
        report({
          message:
            `${where} "${name}" ${bound === undefined ? 'has no minimum' : `allows values down to ${bound}`}: ` +
            'negative amounts and quantities can reverse the flow; set minimum: 0 or more',
          node,
          operation,
          snippet: name,
        });
      };
      for (const parameter of operation.parameters) {
        check(parameter.schema, parameter.name, parameter, `${parameter.in} parameter`);
      }
      for (const media of operation.requestBody?.content ?? []) {
        if (media.schema === undefined) continue;
        for (const { schema, name } of namedProperties(media.schema)) {
          check(schema, name, schema, 'request property');
        }
      }
    }
  },
});
