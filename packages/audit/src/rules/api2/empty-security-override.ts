import { defineRule } from '../../define-rule.js';
import { isDeclaredPublic } from '../../inspect/security-of.js';

/** S03: `security: []` on an operation switches off the document's authentication. */
export const emptySecurityOverride = defineRule({
  id: 'empty-security-override',
  title: 'Operation switches authentication off',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API2',
  cwe: 306,
  description:
    'The document requires authentication, but this operation overrides it with `security: []`, making it public. Such overrides are easy to add during development and forget; they are invisible when reading the global security section.',
  remediation:
    'Remove the empty override, or keep it and mark the operation `x-public: true` with a description of why it is public.',
  check({ model, report }) {
    const global = model.security ?? [];
    if (global.length === 0 || global.some((r) => Object.keys(r).length === 0)) return;
    for (const op of model.operations) {
      if (op.securitySource !== 'operation' || op.security.length > 0 || isDeclaredPublic(op)) continue;
      report({
        operation: op,
        pointer: `${op.pointer}/security`,
        message: `${op.key} overrides the document's security with \`security: []\``,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths:
  /orders/{id}:
    delete:
      security: []
      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
      responses: { '204': { description: deleted } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths:
  /orders/{id}:
    delete:
      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
      responses: { '204': { description: deleted } }
`,
  },
});
