import { defineRule } from '../../define-rule.js';

/** S06/S07: Basic, Digest and other outdated HTTP schemes. */
export const httpBasicAuth = defineRule({
  id: 'http-basic-auth',
  title: 'HTTP Basic or outdated HTTP authentication scheme',
  severity: 'medium',
  scope: 'document',
  owasp: 'API2',
  cwe: 522,
  description:
    'The API accepts HTTP Basic (or Digest/NTLM/Negotiate) credentials: the long-lived password travels with every request, cannot be scoped or expired, and is exposed by any log, proxy or TLS terminator on the way. Over plain http it is readable by anyone on the network.',
  remediation:
    'Use short-lived bearer tokens (OAuth 2.0 / OpenID Connect) or API keys in a header; keep Basic only for token endpoints with client credentials, served over https only.',
  check({ model, report }) {
    const plainHttp = model.servers.some((s) => s.url.startsWith('http://'));
    for (const scheme of Object.values(model.securitySchemes)) {
      if (scheme.type !== 'http' || scheme.scheme === undefined) continue;
      const name = scheme.scheme.toLowerCase();
      if (!['basic', 'digest', 'negotiate', 'ntlm'].includes(name)) continue;
      report({
        node: scheme,
        snippet: `scheme: ${name}`,
        severity: plainHttp ? 'high' : 'medium',
        message: `security scheme "${scheme.name}" uses HTTP ${name} authentication${plainHttp ? ' and a server is plain http' : ''}`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  securitySchemes: { basic: { type: http, scheme: basic } }
paths: {}
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
components:
  securitySchemes: { bearer: { type: http, scheme: bearer, bearerFormat: JWT } }
paths: {}
`,
  },
});
