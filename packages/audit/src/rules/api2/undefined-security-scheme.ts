import type { SecurityRequirement } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

/** S04: requirements naming schemes or OAuth scopes that are not declared. */
export const undefinedSecurityScheme = defineRule({
  id: 'undefined-security-scheme',
  title: 'Security requirement names an undeclared scheme or scope',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 287,
  description:
    'A security requirement names a scheme that is not declared in `securitySchemes`, or an OAuth2 scope no flow declares. Tools (gateways, generators) then ignore the requirement or fail open, and the operation may end up unauthenticated or under-authorized.',
  remediation:
    'Declare the scheme under `components.securitySchemes` (Swagger 2.0: `securityDefinitions`) and every scope in its flows, or fix the typo in the requirement.',
  check({ model, report }) {
    const reported = new Set<string>();
    const inspect = (requirements: readonly SecurityRequirement[], pointer: string, where: string) => {
      for (const requirement of requirements) {
        for (const [name, scopes] of Object.entries(requirement)) {
          const scheme = model.securitySchemes[name];
          if (scheme === undefined) {
            const key = `${pointer}\u0000${name}`;
            if (reported.has(key)) continue;
            reported.add(key);
            report({
              pointer,
              snippet: name,
              message: `${where} requires scheme "${name}", which is not declared`,
            });
            continue;
          }
          if (scheme.type !== 'oauth2' || scheme.flows === undefined) continue;
          const declared = new Set(Object.values(scheme.flows).flatMap((f) => Object.keys(f?.scopes ?? {})));
          for (const scope of scopes) {
            const key = `${pointer}\u0000${name}\u0000${scope}`;
            if (declared.has(scope) || reported.has(key)) continue;
            reported.add(key);
            report({
              pointer,
              snippet: scope,
              message: `${where} requires scope "${scope}" of "${name}", which no flow of that scheme declares`,
            });
          }
        }
      }
    };
    if (model.security) inspect(model.security, '/security', 'the document');
    for (const op of model.operations) {
      if (op.securitySource === 'operation') inspect(op.security, `${op.pointer}/security`, op.key);
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearerAuth: [] } ]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths: {}
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths: {}
`,
  },
});
