import { isLoopbackHost } from '@rampart/core';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** Plain HTTP on an address other machines reach: tokens, keys and data cross the network in clear text. */
export const gatewayPlainHttpExposed = defineGatewayConfigRule({
  id: 'gateway-plain-http-exposed',
  title: 'Gateway serves plain HTTP on a non-loopback address',
  severity: 'high',
  scope: 'document',
  owasp: 'API8',
  cwe: 319,
  confidence: 'certain',
  description:
    'The gateway listens on an address other machines can reach without TLS. Bearer tokens, API keys, cookies and response data travel in clear text and can be read or changed by anyone on the path. This is fine only when a TLS-terminating load balancer sits in front on a private network.',
  remediation:
    'Configure `gateway.tls` (cert and key, TLS 1.2+), or bind `gateway.listen.host` to 127.0.0.1 behind a local TLS terminator.',
  check({ config, report }) {
    if (readObject(config.tls)) return;
    const host = readObject(config.listen)?.['host'] ?? '127.0.0.1';
    if (typeof host !== 'string' || isLoopbackHost(host)) return;
    report({
      pointer: readObject(config.listen)?.['host'] === undefined ? '' : '/listen/host',
      snippet: `listen.host: ${host}`,
      message: `the gateway listens on ${host} without TLS: credentials and data cross the network in clear text`,
    });
  },
});
