import { isOwnershipName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { propertyNameOf } from '../../inspect/property-name-of.js';
import { requiresAuthentication } from '../../inspect/security-of.js';

/** S21: the client names the owner/tenant of the object it writes (BOLA candidate for the scanner). */
export const ownershipFieldInRequest = defineRule({
  id: 'ownership-field-in-request',
  title: 'Ownership field accepted from the client',
  severity: 'low',
  scope: 'operation',
  owasp: 'API1',
  cwe: 639,
  description:
    "An authenticated operation accepts an ownership or tenancy field (userId, ownerId, accountId, tenantId, orgId…) in its request body. If the server trusts it instead of the caller's identity, a user writes into another user's or tenant's objects.",
  remediation:
    "Derive the owner from the authenticated identity on the server; drop the field from the request schema or mark it `readOnly: true`. If it is needed (admin tools), authorize it against the caller's memberships.",
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    for (const use of uses.requestBody.values()) {
      const name = propertyNameOf(use);
      if (name === undefined || !isOwnershipName(name) || use.schema['readOnly'] === true) continue;
      const operations = use.operations.filter((op) => op.method !== 'get' && requiresAuthentication(op));
      if (operations.length === 0) continue;
      report({
        node: use.schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: use.propertyPath.join('.'),
        message: `request field "${use.propertyPath.join('.')}" lets the client choose the owner ("${name}")`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Notes, version: 1.0.0 }
security: [ { bearer: [] } ]
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /notes:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { text: { type: string }, ownerId: { type: string } } }
      responses: { '201': { description: created } }
`,
    passes: `openapi: 3.0.3
info: { title: Notes, version: 1.0.0 }
security: [ { bearer: [] } ]
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /notes:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { text: { type: string }, ownerId: { type: string, readOnly: true } } }
      responses: { '201': { description: created } }
`,
  },
});
