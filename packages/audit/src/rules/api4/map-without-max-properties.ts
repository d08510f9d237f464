import { defineRule } from '../../define-rule.js';
import { eachInputSchema } from '../../inspect/each-input-schema.js';

/** S38: map-style inputs (`additionalProperties: <schema>`) without maxProperties. */
export const mapWithoutMaxProperties = defineRule({
  id: 'map-without-max-properties',
  title: 'Map input without maxProperties',
  severity: 'info',
  scope: 'operation',
  owasp: 'API4',
  cwe: 770,
  description:
    'An input object accepts arbitrary keys (`additionalProperties` is a schema or true, with no declared properties) and has no `maxProperties`. Clients can send objects with millions of keys: hash-flooding, oversized metadata stored per object, slow validation.',
  remediation: 'Set `maxProperties` (and `propertyNames` with a `maxLength`/`pattern`) on map-style inputs.',
  check({ model, report }) {
    for (const input of eachInputSchema(model)) {
      const s = input.schema;
      const additional = s['additionalProperties'];
      const isMap = (typeof additional === 'object' && additional !== null) || additional === true;
      if (!isMap || s['properties'] !== undefined || typeof s['maxProperties'] === 'number') continue;
      report({
        node: s,
        operation: input.operations[0]!,
        relatedOperations: input.operations.slice(1),
        message: `${input.label} is a map without maxProperties`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Tags, version: 1.0.0 }
paths:
  /items:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { labels: { type: object, additionalProperties: { type: string, maxLength: 50 } } } }
      responses: { '201': { description: created } }
`,
    passes: `openapi: 3.0.3
info: { title: Tags, version: 1.0.0 }
paths:
  /items:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: { labels: { type: object, maxProperties: 20, additionalProperties: { type: string, maxLength: 50 } } }
      responses: { '201': { description: created } }
`,
  },
});
