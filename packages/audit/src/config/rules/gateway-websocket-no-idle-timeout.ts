import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/**
 * WebSocket tunnels that never time out: every abandoned connection (a closed laptop, a client that crashed
 * behind a NAT that dropped the flow) keeps a place under `limits.maxWebSockets` and two sockets for good.
 */
export const gatewayWebsocketNoIdleTimeout = defineGatewayConfigRule({
  id: 'gateway-websocket-no-idle-timeout',
  title: 'WebSocket tunnels without an idle timeout',
  severity: 'low',
  scope: 'document',
  owasp: 'API4',
  cwe: 400,
  confidence: 'certain',
  description:
    '`gateway.proxy.websocketIdleTimeoutMs` is 0, so a WebSocket tunnel stays open until one side closes it. Connections whose peer vanished without closing (crashed clients, NAT or mobile networks dropping the flow) are never reclaimed: each keeps two sockets and a place under `limits.maxWebSockets`, and once the cap is reached new handshakes are refused with 503. Idle connections held open on purpose are a cheap denial of service.',
  remediation:
    'Set `gateway.proxy.websocketIdleTimeoutMs` (default 60000) above the interval at which the application sends WebSocket pings, or turn WebSockets off with `proxy.websockets: false` if the API has none.',
  check({ config, report }) {
    const proxy = readObject(config.proxy);
    if (proxy?.['websocketIdleTimeoutMs'] !== 0 || proxy['websockets'] === false) return;
    report({
      pointer: '/proxy/websocketIdleTimeoutMs',
      snippet: 'websocketIdleTimeoutMs: 0',
      message: 'proxy.websocketIdleTimeoutMs is 0: idle WebSocket tunnels are never closed',
    });
  },
});
