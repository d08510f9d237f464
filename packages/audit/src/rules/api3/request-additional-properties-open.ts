import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';

const COMPOSITION = new Set(['allOf', 'anyOf', 'oneOf']);

/** S22/S23: request objects that accept undeclared properties. */
export const requestAdditionalPropertiesOpen = defineRule({
  id: 'request-additional-properties-open',
  title: 'Request object accepts undeclared properties',
  severity: 'low',
  scope: 'operation',
  owasp: 'API3',
  cwe: 915,
  description:
    'A request body object declares its properties but leaves `additionalProperties` unset (or true), so validation accepts any extra field. Extra fields are how mass-assignment payloads (role, isAdmin, ownerId) pass the gateway and reach frameworks that bind bodies to models.',
  remediation:
    'Set `additionalProperties: false` on request objects (OpenAPI 3.1 with composition: `unevaluatedProperties: false`), or validate requests against a strict schema at the gateway.',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    for (const use of uses.requestBody.values()) {
      const s = use.schema;
      const props = s['properties'];
      if (typeof props !== 'object' || props === null || Object.keys(props).length === 0) continue;
      if (s['additionalProperties'] === false || s['unevaluatedProperties'] === false) continue;
      if (typeof s['additionalProperties'] === 'object') continue;
      // Members of a composition cannot close themselves without breaking the composition.
      if (COMPOSITION.has(use.keywordPath.at(-2) ?? '')) continue;
      if (s['readOnly'] === true) continue;
      const where =
        use.propertyPath.length === 0 ? 'request body' : `request field "${use.propertyPath.join('.')}"`;
      report({
        node: s,
        operation: use.operations[0]!,
        relatedOperations: use.operations.slice(1),
        message: `${where} is an object that accepts undeclared properties (additionalProperties not false)`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } }
      responses: { '201': { description: created } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, additionalProperties: false, properties: { name: { type: string } } }
      responses: { '201': { description: created } }
`,
  },
});
