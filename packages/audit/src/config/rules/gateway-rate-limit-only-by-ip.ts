import { configuredAuthentication } from '../configured-authentication.js';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readList, readObject, readStrings } from '../read-config-value.js';

/** Per-address limits alone are evaded by rotating addresses and punish users behind one NAT. */
export const gatewayRateLimitOnlyByIp = defineGatewayConfigRule({
  id: 'gateway-rate-limit-only-by-ip',
  title: 'Rate limits count only per client address although callers authenticate',
  severity: 'low',
  scope: 'document',
  owasp: 'API4',
  cwe: 770,
  confidence: 'firm',
  description:
    'Every rate limit is keyed by the client address alone, although the gateway authenticates callers. An attacker with one account spreads requests over many addresses (proxies, cloud functions, IPv6) and is never limited, while many legitimate users behind one NAT or proxy share a single budget.',
  remediation:
    'Key the general limit by `identity` (or `api-key`), and keep per-`ip` limits for anonymous operations such as login.',
  check({ config, report }) {
    if (configuredAuthentication(config).length === 0) return;
    const limits = readList(readObject(readObject(config.policies)?.['rate-limit'])?.['limits']);
    if (limits.length === 0) return;
    const onlyIp = limits.every((limit) => {
      const by = readStrings(readObject(limit)?.['by']);
      return by.length > 0 && by.every((key) => key === 'ip' || key === 'operation');
    });
    if (!onlyIp) return;
    report({
      pointer: '/policies/rate-limit/limits',
      message: `all ${limits.length} rate limit(s) count per client address only, although callers authenticate`,
    });
  },
});
