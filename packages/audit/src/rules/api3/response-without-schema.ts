import { defineRule } from '../../define-rule.js';

/** S27: a GET success response with no body schema: nothing bounds what data may be returned. */
export const responseWithoutSchema = defineRule({
  id: 'response-without-schema',
  title: 'Success response without a schema',
  severity: 'low',
  scope: 'operation',
  owasp: 'API3',
  cwe: 213,
  description:
    'A GET operation documents no schema for its success response. Nobody can tell which properties it returns, so excessive data exposure cannot be reviewed, and a gateway cannot filter responses down to the documented properties.',
  remediation:
    'Describe the response body with a schema listing the properties returned (and only those), per media type.',
  check({ model, report }) {
    for (const op of model.operations) {
      if (op.method !== 'get') continue;
      const ok = op.responses.filter((r) => /^2\d\d$|^2XX$/i.test(r.status) && r.status !== '204');
      if (ok.length === 0) continue;
      if (ok.some((r) => r.content.some((m) => m.schema !== undefined && Object.keys(m.schema).length > 0)))
        continue;
      const first = ok[0]!;
      report({
        operation: op,
        pointer: first.pointer,
        message: `${op.key} response ${first.status} has no body schema`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    get:
      responses: { '200': { description: the users } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    get:
      responses:
        '200':
          description: the users
          content: { application/json: { schema: { type: array, items: { type: object, properties: { name: { type: string } } } } } }
`,
  },
});
