import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { topLevelProperties } from '../../inspect/top-level-properties.js';

/** S24: one schema object serves as a request body and a response body, with nothing marked readOnly. */
export const sharedRequestResponseSchema = defineRule({
  id: 'shared-request-response-schema',
  title: 'Same schema for request and response',
  severity: 'low',
  scope: 'operation',
  owasp: 'API3',
  cwe: 915,
  description:
    'The same schema is used as a request body and as a response body, and none of its properties is marked readOnly. Whatever the server returns (ids, timestamps, status, computed or privileged fields) is then also accepted from clients by contract, an easy path to mass assignment.',
  remediation:
    'Mark server-owned properties `readOnly: true` (and secrets `writeOnly: true`), or split the schema into input and output schemas (`OrderInput`, `Order`).',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    const responseRoots = new Set([...uses.responseRoots.values()].flat());
    const byRoot = new Map<object, Operation[]>();
    for (const [op, roots] of uses.requestRoots) {
      if (op.method === 'get') continue;
      for (const root of roots) {
        if (!responseRoots.has(root)) continue;
        byRoot.set(root, [...(byRoot.get(root) ?? []), op]);
      }
    }
    for (const [root, operations] of byRoot) {
      const props = topLevelProperties(root as Parameters<typeof topLevelProperties>[0]);
      if (props.size < 2) continue;
      if ([...props.values()].some((p) => p['readOnly'] === true || p['writeOnly'] === true)) continue;
      report({
        node: root,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        message: `one schema with ${props.size} properties is both request and response body, and marks none readOnly`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  schemas:
    Order: { type: object, properties: { id: { type: string }, total: { type: number }, item: { type: string } } }
paths:
  /orders:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  schemas:
    Order:
      type: object
      properties: { id: { type: string, readOnly: true }, total: { type: number, readOnly: true }, item: { type: string } }
paths:
  /orders:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
`,
  },
});
