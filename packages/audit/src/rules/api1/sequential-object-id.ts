import type { Operation } from '@rampart/openapi';
import { isObjectIdName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';

/** S18: integer object ids in paths are guessable: enumerate 1, 2, 3… */
export const sequentialObjectId = defineRule({
  id: 'sequential-object-id',
  title: 'Integer object id in the path',
  severity: 'low',
  scope: 'operation',
  owasp: 'API1',
  cwe: 639,
  description:
    'An object id in the path is an integer. Integer ids are usually sequential, so anyone can enumerate every object by counting; any gap in object-level authorization then exposes all of them, and the ids leak business volumes.',
  remediation:
    'Expose random identifiers (UUIDv4, ULID or 128-bit random strings) in the API, and keep enforcing object-level authorization regardless.',
  check({ model, report }) {
    // One finding per parameter name: the same id is usually declared again on every operation of a resource.
    const byName = new Map<string, { schema: object; operations: Operation[] }>();
    for (const op of model.operations) {
      for (const p of op.parameters) {
        if (p.in !== 'path' || !isObjectIdName(p.name)) continue;
        const type = p.schema['type'];
        const isInteger = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
        if (!isInteger) continue;
        const entry = byName.get(p.name);
        if (entry === undefined) byName.set(p.name, { schema: p.schema, operations: [op] });
        else if (!entry.operations.includes(op)) entry.operations.push(op);
      }
    }
    for (const [name, { schema, operations }] of byName) {
      report({
        node: schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: name,
        message: `path parameter "${name}" is an integer object id`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /invoices/{invoiceId}:
    get:
      parameters: [ { name: invoiceId, in: path, required: true, schema: { type: integer } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /invoices/{invoiceId}:
    get:
      parameters: [ { name: invoiceId, in: path, required: true, schema: { type: string, format: uuid } } ]
      responses: { '200': { description: ok } }
`,
  },
});
