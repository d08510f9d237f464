import { isLoopbackHost } from '@rampart/core';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';
import { readUpstreams } from '../read-upstreams.js';

/**
 * TLS at the edge, clear text behind it: the credentials the gateway just protected cross the network again in
 * the clear. Loopback upstreams (a sidecar on the same host) are fine; so is a gateway that serves plain HTTP
 * itself, which `gateway-plain-http-exposed` covers.
 */
export const gatewayUpstreamPlainHttp = defineGatewayConfigRule({
  id: 'gateway-upstream-plain-http',
  title: 'Gateway terminates TLS but forwards over plain HTTP to a remote upstream',
  severity: 'medium',
  scope: 'document',
  owasp: 'API8',
  cwe: 319,
  confidence: 'firm',
  description:
    'The gateway serves HTTPS, but forwards to an `http://` upstream on another host: bearer tokens, API keys, cookies and personal data that arrived encrypted travel on in clear text between gateway and upstream, where anyone on that network segment can read or change them. Internal networks are not a trust boundary (zero trust, OWASP API8).',
  remediation:
    'Use an `https://` upstream URL (with `tls.caFile` for a private CA, and `tls.certFile`/`tls.keyFile` for mutual TLS), or run the upstream on the same host and forward to 127.0.0.1.',
  check({ config, report }) {
    if (!readObject(config.tls)) return;
    for (const upstream of readUpstreams(config.upstreams)) {
      const url = upstream.url;
      if (url === undefined || !/^http:\/\//i.test(url)) continue;
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        continue; // not a URL: the gateway refuses it at start, nothing to say about TLS
      }
      if (isLoopbackHost(host)) continue;
      report({
        pointer: upstream.urlPointer,
        snippet: `url: ${url}`,
        message: `the gateway serves TLS but forwards to ${url} in clear text: credentials and data cross the network unencrypted behind it`,
      });
    }
  },
});
