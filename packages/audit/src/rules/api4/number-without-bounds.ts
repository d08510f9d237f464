import type { JsonSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { eachInputSchema, hasType } from '../../inspect/each-input-schema.js';

function isUnboundedNumber(s: JsonSchema): boolean {
  if (!hasType(s, 'integer') && !hasType(s, 'number')) return false;
  if (Array.isArray(s['enum']) || s['const'] !== undefined) return false;
  return typeof s['maximum'] !== 'number' && typeof s['exclusiveMaximum'] !== 'number';
}

/** S35: numeric inputs without a maximum, one finding per object schema. */
export const numberWithoutBounds = defineRule({
  id: 'number-without-bounds',
  title: 'Numeric input without maximum',
  severity: 'low',
  scope: 'operation',
  owasp: 'API4',
  cwe: 1284,
  description:
    'Numeric inputs have no `maximum`. Quantities, counts, durations and sizes without bounds let clients ask the server for huge allocations, loops or timeouts, and overflow integer columns. Reported once per object schema.',
  remediation:
    'Give numeric inputs the `minimum` and `maximum` the business allows (and `format: int32`/`int64`).',
  check({ model, report }) {
    for (const input of eachInputSchema(model)) {
      const { schema, operations } = input;
      const props = schema['properties'];
      if (typeof props === 'object' && props !== null) {
        const names = Object.entries(props as Record<string, JsonSchema>)
          .filter(([, p]) => typeof p === 'object' && p !== null && isUnboundedNumber(p))
          .map(([name]) => name);
        if (names.length === 0) continue;
        const listed =
          names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
        report({
          node: schema,
          operation: operations[0]!,
          relatedOperations: operations.slice(1),
          snippet: names.join(', '),
          message: `${input.label} has ${names.length} numeric propert${names.length === 1 ? 'y' : 'ies'} without maximum: ${listed}`,
        });
        continue;
      }
      if (input.use.keywordPath.at(-2) === 'properties' || !isUnboundedNumber(schema)) continue;
      report({
        node: schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        message: `${input.label} is a number without maximum`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /carts/items:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { quantity: { type: integer, minimum: 1 } } } } }
      responses: { '201': { description: added } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /carts/items:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { quantity: { type: integer, minimum: 1, maximum: 99 } } }
      responses: { '201': { description: added } }
`,
  },
});
