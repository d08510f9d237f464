import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { isOutdatedTlsVersion } from '../is-outdated-tls-version.js';
import { readObject } from '../read-config-value.js';

/** TLS 1.0/1.1 (and SSL) are deprecated (RFC 8996): weak cipher suites and downgrade attacks. */
export const gatewayTlsOutdatedVersion = defineGatewayConfigRule({
  id: 'gateway-tls-outdated-version',
  title: 'Gateway accepts TLS older than 1.2',
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 326,
  confidence: 'certain',
  description:
    'The TLS minimum version allows TLS 1.0, TLS 1.1 or SSL, which RFC 8996 deprecates: they rely on weak hashes and cipher suites (CBC with MAC-then-encrypt, SHA-1) and expose clients to downgrade and padding-oracle attacks.',
  remediation: 'Set `gateway.tls.minVersion` to `TLSv1.2` (the default) or `TLSv1.3`.',
  check({ config, report }) {
    const version = readObject(config.tls)?.['minVersion'];
    if (!isOutdatedTlsVersion(version)) return;
    report({
      pointer: '/tls/minVersion',
      snippet: `minVersion: ${version}`,
      message: `tls.minVersion is ${version}: TLS versions before 1.2 are deprecated (RFC 8996)`,
    });
  },
});
