import { isLoopbackHost } from '@rampart/core';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** The admin listener has no authentication: metrics and readiness leak topology and traffic to anyone. */
export const gatewayAdminExposed = defineGatewayConfigRule({
  id: 'gateway-admin-exposed',
  title: 'Gateway admin endpoint reachable from other machines',
  severity: 'medium',
  scope: 'document',
  owasp: 'API8',
  cwe: 200,
  confidence: 'certain',
  description:
    'The admin listener (/healthz, /readyz, /metrics) has no authentication. Bound to a non-loopback address, it tells anyone who can reach it the upstreams, their health, traffic volumes and error rates: reconnaissance for an attack, and a signal of when an attack works.',
  remediation:
    'Keep `gateway.admin.listen.host` on 127.0.0.1 (the default) and scrape it locally, or restrict the port to the monitoring network with a firewall.',
  check({ config, report }) {
    const admin = readObject(config.admin);
    if (admin?.['enabled'] === false) return;
    const host = readObject(admin?.['listen'])?.['host'];
    if (typeof host !== 'string' || isLoopbackHost(host)) return;
    report({
      pointer: '/admin/listen/host',
      snippet: `admin.listen.host: ${host}`,
      message: `the unauthenticated admin endpoint (metrics, health) listens on ${host}`,
    });
  },
});
