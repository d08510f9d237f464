import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readUpstreams } from '../read-upstreams.js';

/** Without verification, TLS to the upstream authenticates nobody: anyone on the path can impersonate it. */
export const gatewayUpstreamTlsVerificationOff = defineGatewayConfigRule({
  id: 'gateway-upstream-tls-verification-off',
  title: "Gateway does not verify an upstream's TLS certificate",
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 295,
  confidence: 'certain',
  description:
    "An upstream's `tls.rejectUnauthorized` is false: the gateway accepts any certificate from it, so whoever can intercept the connection (ARP or DNS spoofing, a compromised node, a misrouted service) can pose as the upstream, read every forwarded request with its tokens and identity headers, and return forged responses. Encryption without authentication protects against passive eavesdroppers only.",
  remediation:
    'Remove `rejectUnauthorized: false`. For a private PKI give the CA bundle in `tls.caFile`; for a certificate issued to another name than the URL host, set `tls.serverName`.',
  check({ config, report }) {
    for (const upstream of readUpstreams(config.upstreams)) {
      if (upstream.tls?.['rejectUnauthorized'] !== false) continue;
      report({
        pointer: `${upstream.pointer}/tls/rejectUnauthorized`,
        snippet: 'rejectUnauthorized: false',
        message: `upstream ${upstream.url ?? upstream.pointer} is reached over TLS without certificate verification: anyone on the path can impersonate it`,
      });
    }
  },
});
