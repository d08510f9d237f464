import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** Failing open turns an outage of the identity provider into an authentication bypass (CWE-636). */
export const gatewayAuthenticationFailOpen = defineGatewayConfigRule({
  id: 'gateway-authentication-fail-open',
  title: 'Authentication fails open when the identity provider is unreachable',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 636,
  confidence: 'certain',
  description:
    'With `failMode: open`, requests go on unauthenticated when the JWKS or token-introspection endpoint cannot be reached. Anyone who can slow down or block that endpoint (or wait for an outage) gets past authentication, and operations that authorization does not also protect are exposed.',
  remediation: 'Remove `failMode` (the default is `closed`: 503 while the identity provider is down).',
  check({ config, report }) {
    const policies = readObject(config.policies);
    for (const id of ['jwt', 'introspection'] as const) {
      if (readObject(policies?.[id])?.['failMode'] !== 'open') continue;
      report({
        pointer: `/policies/${id}/failMode`,
        snippet: 'failMode: open',
        message: `${id}.failMode is open: when the identity provider is down, requests go on unauthenticated`,
      });
    }
  },
});
