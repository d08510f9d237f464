import type { Severity } from '@rampart/core';
import { defineRule } from '../../define-rule.js';
import { classifyServerHost } from '../classify-server-host.js';
import { collectServers } from '../collect-servers.js';
import { resolveServerUrl } from '../resolve-server-url.js';

const PRODUCTION = /\b(prod|production|live)\b/i;

export const serverUrlInternalHost = defineRule({
  id: 'server-url-internal-host',
  title: 'Server on a loopback, private or example host',
  severity: 'low',
  scope: 'document',
  owasp: 'API8',
  cwe: 1188,
  confidence: 'firm',
  description:
    'A documented server lives on a loopback (`localhost`, `127.0.0.1`), private (RFC 1918, `.internal`, ' +
    '`.local`, single-label) or link-local host, or on a placeholder (`example.com`). In a published description ' +
    'it leaks internal topology, and clients, generated SDKs and scanners pointed at it talk to whatever answers ' +
    'there. A server described as production on such a host is a release configuration error (medium).',
  remediation:
    'Publish only the public server URLs; keep development servers in a separate description or use server ' +
    'variables with a public default.',
  check({ model, report }) {
    for (const { server, operations } of collectServers(model)) {
      const url = resolveServerUrl(server);
      if (url === undefined) continue;
      const kind = classifyServerHost(url.hostname);
      if (kind === 'public') continue;
      const production = PRODUCTION.test(server.description ?? '');
      const severity: Severity = production ? 'medium' : kind === 'example' ? 'info' : 'low';
      report({
        message:
          `server ${server.url} is on ${kind === 'example' ? 'an' : 'a'} ${kind} host (${url.hostname})` +
          (production ? ' but is described as production' : '') +
          ': publish the public URL instead',
        pointer: server.pointer,
        ...(operations[0] === undefined
          ? {}
          : { operation: operations[0], relatedOperations: operations.slice(1) }),
        snippet: url.hostname,
        severity,
      });
    }
  },
});
