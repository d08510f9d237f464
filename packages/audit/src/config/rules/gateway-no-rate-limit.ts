import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readList, readObject } from '../read-config-value.js';

/** OWASP API4: without limits, one client can exhaust the API, brute-force credentials or scrape everything. */
export const gatewayNoRateLimit = defineGatewayConfigRule({
  id: 'gateway-no-rate-limit',
  title: 'No rate limit',
  severity: 'medium',
  scope: 'document',
  owasp: 'API4',
  cwe: 770,
  confidence: 'certain',
  description:
    'The gateway limits no client: neither rate limits nor quotas are configured. One client can send as many requests as the upstream can take: exhausting it (denial of service, cost), brute-forcing passwords, tokens or coupon codes, and scraping every object.',
  remediation:
    'Configure `gateway.policies.rate-limit.limits`, e.g. per identity `{ name: per-user, by: [identity], limit: 600, windowSeconds: 60 }`, and tighter limits on login and other sensitive operations.',
  check({ config, report }) {
    const policies = readObject(config.policies);
    const rateLimit = readObject(policies?.['rate-limit']);
    if (readList(rateLimit?.['limits']).length > 0 || readList(rateLimit?.['quotas']).length > 0) return;
    report({
      pointer: rateLimit ? '/policies/rate-limit' : policies ? '/policies' : '',
      message: 'no rate limit or quota is configured: any client may send unlimited requests',
    });
  },
});
