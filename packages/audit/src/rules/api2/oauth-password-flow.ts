import { defineRule } from '../../define-rule.js';

/** S12: the resource owner password credentials grant (RFC 9700 §2.4: must not be used). */
export const oauthPasswordFlow = defineRule({
  id: 'oauth-password-flow',
  title: 'OAuth 2.0 password (ROPC) flow',
  severity: 'medium',
  scope: 'document',
  owasp: 'API2',
  cwe: 522,
  description:
    "The resource owner password credentials grant makes clients collect the user's password directly, trains users to type passwords into third-party apps, cannot support MFA or federated login, and turns the token endpoint into a password-guessing oracle. RFC 9700 says it must not be used.",
  remediation:
    'Replace the `password` flow with the authorization code flow with PKCE (users) or client credentials (machines).',
  check({ model, report }) {
    for (const scheme of Object.values(model.securitySchemes)) {
      if (scheme.type !== 'oauth2' || scheme.flows?.password === undefined) continue;
      report({
        node: scheme,
        pointer: `${scheme.pointer}/flows/password`,
        snippet: 'flows: password',
        message: `OAuth2 scheme "${scheme.name}" offers the resource owner password flow`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        password: { tokenUrl: 'https://auth.example.com/token', scopes: {} }
paths: {}
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} }
paths: {}
`,
  },
});
