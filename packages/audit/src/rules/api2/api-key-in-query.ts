import { defineRule } from '../../define-rule.js';

/** S08: API keys in the query string end up in logs, caches and Referer headers. */
export const apiKeyInQuery = defineRule({
  id: 'api-key-in-query',
  title: 'API key sent in the query string',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 598,
  description:
    'An apiKey security scheme puts the key in the URL query. URLs are written to server and proxy access logs, browser history and analytics, and leak through Referer headers, so the key ends up in many places an attacker can read.',
  remediation:
    'Send the key in a header (`in: header`, e.g. `X-API-Key` or `Authorization`), never in the URL.',
  check({ model, report }) {
    for (const scheme of Object.values(model.securitySchemes)) {
      if (scheme.type !== 'apiKey' || scheme.in !== 'query') continue;
      report({
        node: scheme,
        snippet: `in: query, name: ${scheme.paramName ?? '?'}`,
        message: `security scheme "${scheme.name}" sends the API key in the query parameter "${scheme.paramName ?? '?'}"`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Maps, version: 1.0.0 }
components:
  securitySchemes: { key: { type: apiKey, in: query, name: api_key } }
paths: {}
`,
    passes: `openapi: 3.0.3
info: { title: Maps, version: 1.0.0 }
components:
  securitySchemes: { key: { type: apiKey, in: header, name: X-API-Key } }
paths: {}
`,
  },
});
