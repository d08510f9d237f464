import { defineRule } from '../../define-rule.js';

/** S14: token, authorization, refresh or OpenID Connect discovery URLs over plain http. */
export const authUrlNotHttps = defineRule({
  id: 'auth-url-not-https',
  title: 'Authentication endpoint over plain http',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 319,
  description:
    'An OAuth2 tokenUrl, authorizationUrl or refreshUrl, or an openIdConnectUrl, uses plain http. Credentials, authorization codes and tokens sent there can be read and changed by anyone on the network path (RFC 6749 §3.1 and §3.2 require TLS).',
  remediation: 'Serve the authorization server over https and change the URLs to `https://`.',
  check({ model, report }) {
    for (const scheme of Object.values(model.securitySchemes)) {
      const urls: Array<[string, string, string | undefined]> = [];
      if (scheme.openIdConnectUrl !== undefined)
        urls.push(['openIdConnectUrl', 'openIdConnectUrl', scheme.openIdConnectUrl]);
      for (const [flowName, flow] of Object.entries(scheme.flows ?? {})) {
        if (flow === undefined) continue;
        urls.push([
          `flows/${flowName}/authorizationUrl`,
          `${flowName} authorizationUrl`,
          flow.authorizationUrl,
        ]);
        urls.push([`flows/${flowName}/tokenUrl`, `${flowName} tokenUrl`, flow.tokenUrl]);
        urls.push([`flows/${flowName}/refreshUrl`, `${flowName} refreshUrl`, flow.refreshUrl]);
      }
      for (const [path, label, url] of urls) {
        if (url === undefined || !/^http:\/\//i.test(url)) continue;
        report({
          node: scheme,
          pointer: `${scheme.pointer}/${path}`,
          snippet: url,
          message: `security scheme "${scheme.name}" ${label} is plain http: ${url}`,
        });
      }
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
        clientCredentials: { tokenUrl: 'http://auth.example.com/token', scopes: {} }
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
