import { isObjectIdName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';

/** An object-addressing operation whose security lists an anonymous `{}` alternative next to real schemes. */
export const objectIdWithOptionalAuthentication = defineRule({
  id: 'object-id-with-optional-authentication',
  title: 'Object access with optional authentication',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API1',
  cwe: 639,
  description:
    'An operation addresses an object by id and its security offers an empty `{}` alternative next to real schemes, so authentication is optional. Handlers written for "the current user\'s object" then run with no user at all, and object-level checks that compare owner and caller are skipped or pass on null.',
  remediation:
    'Remove the `{}` alternative, or split public and private access into separate operations whose handlers authorize each object explicitly.',
  check({ model, report }) {
    for (const op of model.operations) {
      const optional =
        op.security.some((r) => Object.keys(r).length === 0) &&
        op.security.some((r) => Object.keys(r).length > 0);
      if (!optional) continue;
      const ids = op.parameters.filter((p) => p.in === 'path' && isObjectIdName(p.name));
      if (ids.length === 0) continue;
      report({
        operation: op,
        pointer: `${op.pointer}/security`,
        message: `${op.key} addresses object id "${ids[0]!.name}" but authentication is optional (\`{}\` alternative)`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Docs, version: 1.0.0 }
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /documents/{documentId}:
    get:
      security: [ { bearer: [] }, {} ]
      parameters: [ { name: documentId, in: path, required: true, schema: { type: string } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Docs, version: 1.0.0 }
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
paths:
  /documents/{documentId}:
    get:
      security: [ { bearer: [] } ]
      parameters: [ { name: documentId, in: path, required: true, schema: { type: string } } ]
      responses: { '200': { description: ok } }
`,
  },
});
