import { classifySensitiveName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { propertyNameOf } from '../../inspect/property-name-of.js';

/** S30: a password field in a schema shared by requests and responses, not marked writeOnly. */
export const passwordNotWriteOnly = defineRule({
  id: 'password-not-write-only',
  title: 'Password field not write-only in a shared schema',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API3',
  cwe: 200,
  description:
    'A password-like field (password, PIN, security answer) sits in a schema used both for requests and for responses, and is not `writeOnly`. The contract then allows the server to echo it back, and serializers generated from the description will do so.',
  remediation:
    'Mark the field `writeOnly: true` (OpenAPI 3.x), or split the schema into a request schema with the password and a response schema without it.',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    for (const use of uses.requestBody.values()) {
      const name = propertyNameOf(use);
      if (name === undefined || classifySensitiveName(name) !== 'credential') continue;
      if (use.schema['writeOnly'] === true || use.parent === undefined) continue;
      if (!uses.successResponse.has(use.parent)) continue;
      const field = use.propertyPath.join('.');
      report({
        node: use.schema,
        operation: use.operations[0]!,
        relatedOperations: use.operations.slice(1),
        snippet: field,
        message: `password field "${field}" of a schema used in requests and responses is not writeOnly`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
components:
  schemas:
    User: { type: object, properties: { email: { type: string }, password: { type: string } } }
paths:
  /users:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
components:
  schemas:
    User: { type: object, properties: { email: { type: string }, password: { type: string, writeOnly: true } } }
paths:
  /users:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
`,
  },
});
