import { isPageSizeName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';

/** S39: page-size parameters without a maximum: one request asks for the whole table. */
export const unboundedPageSize = defineRule({
  id: 'unbounded-page-size',
  title: 'Page size without maximum',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API4',
  cwe: 770,
  description:
    'A pagination size parameter (limit, per_page, pageSize, size, take, first…) has no `maximum`. A client asks for a million rows in one request: the database, the serializer and the network do all the work, and scrapers dump the dataset in a few calls.',
  remediation:
    'Give the parameter `type: integer`, `minimum: 1` and a `maximum` the server enforces (e.g. 100), and document the default.',
  check({ model, report }) {
    for (const op of model.operations) {
      if (op.method !== 'get' && op.method !== 'post') continue;
      for (const p of op.parameters) {
        if (p.in !== 'query' || !isPageSizeName(p.name)) continue;
        const s = p.schema;
        const type = s['type'];
        if (type === 'boolean' || type === 'array' || type === 'object') continue;
        if (type === 'string' && !/^\d|int|num/i.test(String(s['format'] ?? '0'))) continue;
        if (
          typeof s['maximum'] === 'number' ||
          typeof s['exclusiveMaximum'] === 'number' ||
          Array.isArray(s['enum'])
        ) {
          continue;
        }
        report({
          node: s,
          operation: op,
          snippet: p.name,
          message: `query parameter "${p.name}" of ${op.key} sets the page size but has no maximum`,
        });
      }
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters: [ { name: limit, in: query, schema: { type: integer, minimum: 1 } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters: [ { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } } ]
      responses: { '200': { description: ok } }
`,
  },
});
