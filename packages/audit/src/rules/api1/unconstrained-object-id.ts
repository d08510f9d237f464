import type { Operation } from '@rampart/openapi';
import { isObjectIdName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';

const RANDOM_FORMATS = new Set(['uuid', 'guid', 'ulid']);

/** S19: string object ids with no format or pattern: nothing says they are unguessable. */
export const unconstrainedObjectId = defineRule({
  id: 'unconstrained-object-id',
  title: 'Object id without format or pattern',
  severity: 'info',
  scope: 'operation',
  owasp: 'API1',
  cwe: 639,
  description:
    'A string object id in the path has no `format` (uuid) and no `pattern`. Nothing documents whether ids are random or guessable, and the gateway cannot reject malformed ids before they reach the database (a first step of many BOLA and injection probes).',
  remediation:
    'Declare the id format: `format: uuid`, or a `pattern` with `maxLength` for other random id formats.',
  check({ model, report }) {
    // One finding per parameter name: the same id is usually declared again on every operation of a resource.
    const byName = new Map<string, { schema: object; operations: Operation[] }>();
    for (const op of model.operations) {
      for (const p of op.parameters) {
        if (p.in !== 'path' || !isObjectIdName(p.name)) continue;
        const s = p.schema;
        const type = s['type'];
        if (type !== undefined && type !== 'string') continue;
        if (typeof s['pattern'] === 'string' || Array.isArray(s['enum']) || s['const'] !== undefined)
          continue;
        if (typeof s['format'] === 'string' && RANDOM_FORMATS.has(s['format'].toLowerCase())) continue;
        const entry = byName.get(p.name);
        if (entry === undefined) byName.set(p.name, { schema: s, operations: [op] });
        else if (!entry.operations.includes(op)) entry.operations.push(op);
      }
    }
    for (const [name, { schema, operations }] of byName) {
      report({
        node: schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: name,
        message: `path parameter "${name}" is a string object id without format or pattern`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /carts/{cartId}:
    get:
      parameters: [ { name: cartId, in: path, required: true, schema: { type: string } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /carts/{cartId}:
    get:
      parameters: [ { name: cartId, in: path, required: true, schema: { type: string, format: uuid } } ]
      responses: { '200': { description: ok } }
`,
  },
});
