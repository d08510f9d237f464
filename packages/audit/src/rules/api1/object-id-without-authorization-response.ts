import { isObjectIdName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { hasResponse } from '../../inspect/has-response.js';
import { requiresAuthentication } from '../../inspect/security-of.js';

/** S20: an authenticated operation on an object id that documents neither 403 nor 404. */
export const objectIdWithoutAuthorizationResponse = defineRule({
  id: 'object-id-without-authorization-response',
  title: 'Object-level authorization not modelled',
  severity: 'low',
  scope: 'operation',
  owasp: 'API1',
  cwe: 639,
  description:
    "An authenticated operation addresses an object by id in its path but documents neither 403 nor 404. That usually means nobody specified what happens when a user asks for an object that is not theirs, the classic BOLA (IDOR) gap: the server returns or changes the other user's object.",
  remediation:
    'Decide and document the answer for objects the caller may not access (404 to avoid confirming existence, or 403), and enforce it in the handler or the gateway.',
  check({ model, report }) {
    for (const op of model.operations) {
      const ids = op.parameters.filter((p) => p.in === 'path' && isObjectIdName(p.name));
      if (ids.length === 0 || !requiresAuthentication(op)) continue;
      if (hasResponse(op, '403') || hasResponse(op, '404')) continue;
      report({
        operation: op,
        pointer: `${op.pointer}/responses`,
        message: `${op.key} takes object id ${ids.map((p) => `"${p.name}"`).join(', ')} but documents no 403 or 404`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /orders/{orderId}:
    get:
      parameters: [ { name: orderId, in: path, required: true, schema: { type: string, format: uuid } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /orders/{orderId}:
    get:
      parameters: [ { name: orderId, in: path, required: true, schema: { type: string, format: uuid } } ]
      responses: { '200': { description: ok }, '404': { description: not found or not yours } }
`,
  },
});
