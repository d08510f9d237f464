import { defineRule } from '../../define-rule.js';
import { eachInputSchema, hasType } from '../../inspect/each-input-schema.js';

/** S37: array inputs without maxItems. */
export const arrayWithoutMaxItems = defineRule({
  id: 'array-without-max-items',
  title: 'Array input without maxItems',
  severity: 'low',
  scope: 'operation',
  owasp: 'API4',
  cwe: 770,
  description:
    'An array input has no `maxItems`. One request can carry millions of elements, each processed, validated and stored: batch endpoints become amplifiers, and per-request rate limits stop meaning anything.',
  remediation: 'Set `maxItems` on every array input to the largest batch the operation should handle.',
  check({ model, report }) {
    for (const input of eachInputSchema(model)) {
      const s = input.schema;
      if (!hasType(s, 'array') && s['items'] === undefined) continue;
      if (typeof s['maxItems'] === 'number') continue;
      report({
        node: s,
        operation: input.operations[0]!,
        relatedOperations: input.operations.slice(1),
        message: `${input.label} is an array without maxItems`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Mail, version: 1.0.0 }
paths:
  /messages:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { to: { type: array, items: { type: string, format: email, maxLength: 254 } } } }
      responses: { '202': { description: queued } }
`,
    passes: `openapi: 3.0.3
info: { title: Mail, version: 1.0.0 }
paths:
  /messages:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: { to: { type: array, maxItems: 50, items: { type: string, format: email, maxLength: 254 } } }
      responses: { '202': { description: queued } }
`,
  },
});
