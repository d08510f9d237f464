import { defineRule } from '../../define-rule.js';
import { collectServers } from '../collect-servers.js';
import { resolveServerUrl } from '../resolve-server-url.js';

const NON_PRODUCTION =
  /^(dev|develop|development|staging|stage|stg|test|testing|qa|uat|preprod|pre-prod|int|integration|demo)(\d*)$/;

export const nonProductionServerListed = defineRule({
  id: 'non-production-server-listed',
  title: 'Non-production server listed in the description',
  severity: 'low',
  scope: 'document',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'tentative',
  description:
    'A server host names a non-production environment (`dev.`, `staging.`, `test.`, `qa.`, `uat.`, `preprod.` ' +
    'labels). Such environments often run older builds with debug settings, test accounts and real data copies, ' +
    'and publishing them invites attackers to the weakest deployment of the API. Sandboxes offered to customers ' +
    'are not reported.',
  remediation:
    'Remove internal environments from published descriptions, and put the ones that must stay reachable behind ' +
    'the same authentication, monitoring and patching as production.',
  check({ model, report }) {
    for (const { server, operations } of collectServers(model)) {
      const url = resolveServerUrl(server);
      if (url === undefined) continue;
      const label = url.hostname
        .toLowerCase()
        .split('.')
        .slice(0, -2)
        .flatMap((l) => l.split('-'))
        .find((l) => NON_PRODUCTION.test(l));
      if (label === undefined) continue;
      report({
        message: `server ${server.url} looks like a non-production environment ("${label}"): remove it from the published description`,
        pointer: server.pointer,
        ...(operations[0] === undefined
          ? {}
          : { operation: operations[0], relatedOperations: operations.slice(1) }),
        snippet: url.hostname,
      });
    }
  },
});
