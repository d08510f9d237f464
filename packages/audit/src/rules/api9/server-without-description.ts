import { defineRule } from '../../define-rule.js';
import { collectServers } from '../collect-servers.js';
import { resolveServerUrl } from '../resolve-server-url.js';

export const serverWithoutDescription = defineRule({
  id: 'server-without-description',
  title: 'Server without an environment description',
  severity: 'info',
  scope: 'document',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'firm',
  description:
    'The document lists servers on several hosts and at least one has no `description` saying which ' +
    'environment it is (production, staging, sandbox). Nobody can tell which hosts are meant to be live, so ' +
    'forgotten staging and test deployments stay exposed and unpatched. (Reported only when there is more than ' +
    'one host to tell apart; Swagger 2.0 has no server descriptions, so its documents fire only through ' +
    'several `schemes`/hosts.)',
  remediation:
    'Give every server a `description` naming its environment, and remove servers that are not meant to be public.',
  check({ model, report }) {
    const servers = collectServers(model);
    const hosts = new Set(servers.map(({ server }) => resolveServerUrl(server)?.host ?? server.url));
    if (hosts.size < 2) return;
    for (const { server, operations } of servers) {
      if ((server.description ?? '').trim().length > 0) continue;
      report({
        message: `server ${server.url} has no description naming its environment, among ${hosts.size} hosts: describe it or remove it`,
        pointer: server.pointer,
        ...(operations[0] === undefined
          ? {}
          : { operation: operations[0], relatedOperations: operations.slice(1) }),
        snippet: server.url,
      });
    }
  },
});
