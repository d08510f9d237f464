import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { isOutdatedTlsVersion } from '../is-outdated-tls-version.js';
import { readUpstreams } from '../read-upstreams.js';

/**
 * TLS 1.0/1.1 towards an upstream (RFC 8996). The gateway refuses these values; the rule is for files written for
 * it that would otherwise only fail at start, and for reports on configurations from elsewhere.
 */
export const gatewayUpstreamTlsOutdatedVersion = defineGatewayConfigRule({
  id: 'gateway-upstream-tls-outdated-version',
  title: 'Gateway allows TLS older than 1.2 towards an upstream',
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 326,
  confidence: 'certain',
  description:
    "An upstream's `tls.minVersion` allows TLS 1.0, TLS 1.1 or SSL, which RFC 8996 deprecates: an attacker on the path between gateway and upstream can force the connection down to weak cipher suites (CBC with MAC-then-encrypt, SHA-1) and attack it. (The gateway itself refuses these values at start.)",
  remediation: 'Set `tls.minVersion` of the upstream to `TLSv1.2` (the default) or `TLSv1.3`.',
  check({ config, report }) {
    for (const upstream of readUpstreams(config.upstreams)) {
      const version = upstream.tls?.['minVersion'];
      if (!isOutdatedTlsVersion(version)) continue;
      report({
        pointer: `${upstream.pointer}/tls/minVersion`,
        snippet: `minVersion: ${version}`,
        message: `upstream ${upstream.url ?? upstream.pointer} allows ${version}: TLS versions before 1.2 are deprecated (RFC 8996)`,
      });
    }
  },
});
