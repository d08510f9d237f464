import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** OWASP API9: without the description, every path reaches the upstream, including the undocumented ones. */
export const gatewayNoApiDescription = defineGatewayConfigRule({
  id: 'gateway-no-api-description',
  title: 'Gateway runs without the API description',
  severity: 'medium',
  scope: 'document',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'certain',
  description:
    'No `routing.spec` is configured, so the gateway forwards every path and method: debug endpoints, old API versions and internal routes the team forgot are all reachable, and per-operation authentication, validation and authorization cannot apply.',
  remediation:
    'Set `gateway.routing.spec` to the OpenAPI description: unknown paths get 404 and methods 405, and policies follow each operation.',
  check({ config, report }) {
    const routing = readObject(config.routing);
    if (typeof routing?.['spec'] === 'string' && routing['spec'] !== '') return;
    report({
      pointer: routing ? '/routing' : '',
      message: 'no routing.spec: every path and method is forwarded, documented or not',
    });
  },
});
