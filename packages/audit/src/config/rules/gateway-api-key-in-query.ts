import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** CWE-598: keys in URLs end up in access logs, proxies, browser history and Referer headers. */
export const gatewayApiKeyInQuery = defineGatewayConfigRule({
  id: 'gateway-api-key-in-query',
  title: 'Gateway accepts API keys in the query string',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 598,
  confidence: 'certain',
  description:
    'The api-key policy reads keys from the URL query. URLs are written to access logs of every proxy and server on the way, browser history and analytics, and leak through Referer headers, so the keys end up in many places an attacker can read.',
  remediation:
    'Accept keys in a header only (`in: header`, e.g. `x-api-key`), and change the security scheme of the description to `in: header`.',
  check({ config, model, report }) {
    const apiKey = readObject(readObject(config.policies)?.['api-key']);
    if (!apiKey) return;
    const schemeName = apiKey['scheme'];
    if (typeof schemeName === 'string') {
      const scheme = model?.securitySchemes[schemeName];
      if (scheme?.type === 'apiKey' && scheme.in === 'query')
        report({
          pointer: '/policies/api-key/scheme',
          snippet: `scheme: ${schemeName} (in: query, name: ${scheme.paramName ?? '?'})`,
          message: `api-key implements scheme "${schemeName}", which sends the key in the query parameter "${scheme.paramName ?? '?'}"`,
        });
      return;
    }
    if (apiKey['in'] !== 'query') return;
    report({
      pointer: '/policies/api-key/in',
      snippet: 'in: query',
      message: `api-key reads keys from the query parameter "${typeof apiKey['name'] === 'string' ? apiKey['name'] : 'x-api-key'}"`,
    });
  },
});
