import { defineRule } from '../../define-rule.js';

/** S11: the implicit grant returns tokens in the URL fragment; OAuth 2.0 Security BCP (RFC 9700 §2.1.2) forbids it. */
export const oauthImplicitFlow = defineRule({
  id: 'oauth-implicit-flow',
  title: 'OAuth 2.0 implicit flow',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 522,
  description:
    'The implicit grant delivers access tokens in the redirect URL fragment, where browser history, injected scripts and open redirectors can steal them, and it cannot bind tokens to the client. RFC 9700 (OAuth 2.0 Security Best Current Practice) says it should not be used.',
  remediation:
    'Use the authorization code flow with PKCE (`authorizationCode`) and remove the `implicit` flow.',
  check({ model, report }) {
    for (const scheme of Object.values(model.securitySchemes)) {
      if (scheme.type !== 'oauth2' || scheme.flows?.implicit === undefined) continue;
      report({
        node: scheme,
        pointer: `${scheme.pointer}/flows/implicit`,
        snippet: 'flows: implicit',
        message: `OAuth2 scheme "${scheme.name}" offers the implicit flow`,
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
        implicit: { authorizationUrl: 'https://auth.example.com/authorize', scopes: { read: read } }
paths: {}
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: 'https://auth.example.com/authorize'
          tokenUrl: 'https://auth.example.com/token'
          scopes: { read: read }
paths: {}
`,
  },
});
