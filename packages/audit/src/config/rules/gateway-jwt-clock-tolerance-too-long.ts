import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

const MAX_SECONDS = 300;

/** A long leeway keeps expired tokens (stolen, revoked) usable long after `exp`. */
export const gatewayJwtClockToleranceTooLong = defineGatewayConfigRule({
  id: 'gateway-jwt-clock-tolerance-too-long',
  title: 'JWT clock tolerance longer than 5 minutes',
  severity: 'medium',
  scope: 'document',
  owasp: 'API2',
  cwe: 613,
  confidence: 'certain',
  description:
    "The leeway applied to `exp`, `nbf` and `iat` is longer than five minutes. Expiry is what limits the use of a stolen or revoked access token; a long tolerance extends every token's life by that much, which for short-lived tokens (5-15 minutes) doubles it or more.",
  remediation:
    'Keep `gateway.policies.jwt.clockToleranceSeconds` at 60 or less (default 30) and synchronize clocks with NTP.',
  check({ config, report }) {
    const value = readObject(readObject(config.policies)?.['jwt'])?.['clockToleranceSeconds'];
    if (typeof value !== 'number' || value <= MAX_SECONDS) return;
    report({
      pointer: '/policies/jwt/clockToleranceSeconds',
      snippet: `clockToleranceSeconds: ${value}`,
      message: `jwt.clockToleranceSeconds is ${value}: expired tokens stay valid ${Math.round(value / 60)} minutes longer`,
    });
  },
});
