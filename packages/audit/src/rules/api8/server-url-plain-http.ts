import type { Severity } from '@rampart/core';
import { defineRule } from '../../define-rule.js';
import { classifyServerHost } from '../classify-server-host.js';
import { collectServers } from '../collect-servers.js';
import { resolveServerUrl } from '../resolve-server-url.js';

export const serverUrlPlainHttp = defineRule({
  id: 'server-url-plain-http',
  title: 'Server URL uses plain http',
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 319,
  confidence: 'certain',
  description:
    'A server of the API is reached over `http://` (OpenAPI `servers`, or Swagger 2.0 `schemes: [http]`), or its ' +
    'scheme variable allows `http`. Tokens, API keys, cookies and personal data then cross the network in clear ' +
    'text, where anyone on the path reads or changes them. Loopback and example hosts (local development, ' +
    'placeholders) are reported as low.',
  remediation:
    'Serve the API over https only (TLS 1.2+), list only `https://` servers, and redirect or refuse plain http; ' +
    'add HSTS.',
  check({ model, report }) {
    for (const { server, operations } of collectServers(model)) {
      const url = resolveServerUrl(server);
      const schemeVariable = /^\{([^}]+)\}:\/\//.exec(server.url)?.[1];
      const variableAllowsHttp =
        schemeVariable !== undefined &&
        (server.variables[schemeVariable]?.enum ?? []).some((v) => v.toLowerCase() === 'http');
      if (url?.protocol !== 'http:' && !variableAllowsHttp) continue;
      const kind = url === undefined ? 'public' : classifyServerHost(url.hostname);
      const severity: Severity = kind === 'loopback' || kind === 'example' ? 'low' : 'high';
      report({
        message:
          `server ${server.url} ${variableAllowsHttp && url?.protocol !== 'http:' ? 'allows the scheme http' : 'uses plain http'}` +
          (severity === 'low' ? ` (${kind === 'example' ? 'an' : 'a'} ${kind} host)` : '') +
          ': credentials and data travel unencrypted; use https',
        pointer: server.pointer,
        ...(operations[0] === undefined
          ? {}
          : { operation: operations[0], relatedOperations: operations.slice(1) }),
        snippet: server.url,
        severity,
      });
    }
  },
});
