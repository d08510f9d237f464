import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readList } from '../read-config-value.js';

/** Prefixes shorter than these trust a large part of the internet. */
const MIN_PREFIX = { v4: 8, v6: 32 } as const;

/** CWE-348: believing X-Forwarded-For from anyone lets every client choose its own address. */
export const gatewayTrustedProxiesTooWide = defineGatewayConfigRule({
  id: 'gateway-trusted-proxies-too-wide',
  title: 'Forwarding headers trusted from (almost) anyone',
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 348,
  confidence: 'certain',
  description:
    'A trusted-proxy range covers a large part of the internet (0.0.0.0/0, ::/0 or a very short prefix), so any client can set X-Forwarded-For or Forwarded and choose the address the gateway sees: per-address rate limits, IP allow and deny lists, the blocklist and audit trails are all bypassed or poisoned.',
  remediation:
    'List only the addresses of your own load balancers or proxies in `gateway.trustedProxies` (e.g. 10.0.4.0/24).',
  check({ config, report }) {
    readList(config.trustedProxies).forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const match = /^(.+)\/(\d{1,3})$/.exec(entry.trim());
      if (!match) return;
      const prefix = Number(match[2]);
      const v6 = (match[1] as string).includes(':');
      if (prefix >= (v6 ? MIN_PREFIX.v6 : MIN_PREFIX.v4)) return;
      report({
        pointer: `/trustedProxies/${i}`,
        snippet: entry,
        message: `trustedProxies entry ${entry} trusts forwarding headers from ${prefix === 0 ? 'every address' : `a /${prefix} range`}: clients can choose their own address`,
      });
    });
  },
});
