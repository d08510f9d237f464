import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** OWASP API8/API10: SQL, NoSQL, command and template injection reach the upstream unhindered. */
export const gatewayInjectionNotBlocking = defineGatewayConfigRule({
  id: 'gateway-injection-not-blocking',
  title: 'Injection inspection is off or only observes',
  severity: 'medium',
  scope: 'document',
  owasp: 'API8',
  cwe: 74,
  confidence: 'certain',
  description:
    'The injection policy is not configured, or runs in `observe` mode: SQL, NoSQL, command, template, JNDI and path-traversal payloads reach the upstream, and any injection bug there is exploitable. Observe mode is meant for a tuning period, not for production.',
  remediation: 'Add `gateway.policies.injection: { mode: block }` (block is the default mode).',
  check({ config, report }) {
    const policies = readObject(config.policies);
    const injection = readObject(policies?.['injection']);
    if (injection && injection['mode'] !== 'observe') return;
    report({
      pointer: injection ? '/policies/injection/mode' : policies ? '/policies' : '',
      ...(injection ? { snippet: 'mode: observe' } : {}),
      message: injection
        ? 'injection.mode is observe: injection payloads are recorded but reach the upstream'
        : 'the injection policy is not configured: injection payloads reach the upstream',
    });
  },
});
