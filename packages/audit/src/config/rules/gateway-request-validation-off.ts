import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** Unvalidated input reaches the upstream: injection, mass assignment, type confusion (OWASP API8, CWE-20). */
export const gatewayRequestValidationOff = defineGatewayConfigRule({
  id: 'gateway-request-validation-off',
  title: 'Requests are not validated against the API description',
  severity: 'medium',
  scope: 'document',
  owasp: 'API8',
  cwe: 20,
  confidence: 'certain',
  description:
    'The gateway has the API description but does not validate requests against it: parameters of the wrong type, unexpected properties, oversized strings and malformed bodies all reach the upstream, where they feed injection, mass assignment and resource-exhaustion bugs.',
  remediation: 'Add `gateway.policies.request-validation: {}` (requests are validated by default).',
  check({ config, report }) {
    if (typeof readObject(config.routing)?.['spec'] !== 'string') return;
    const policies = readObject(config.policies);
    const validation = readObject(policies?.['request-validation']);
    if (validation && validation['request'] !== false) return;
    report({
      pointer: validation ? '/policies/request-validation/request' : policies ? '/policies' : '',
      message: validation
        ? 'request-validation.request is false: requests reach the upstream unvalidated'
        : 'request-validation is not configured: requests reach the upstream unvalidated',
    });
  },
});
