import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayWebsocketNoIdleTimeout } from './gateway-websocket-no-idle-timeout.js';

describeGatewayConfigRule(gatewayWebsocketNoIdleTimeout, [
  {
    name: 'no idle timeout',
    config: { proxy: { websocketIdleTimeoutMs: 0 } },
    expect: [{ pointer: '/proxy/websocketIdleTimeoutMs', message: 'never closed' }],
  },
  { name: 'near miss: a short timeout', config: { proxy: { websocketIdleTimeoutMs: 1 } }, expect: 0 },
  { name: 'near miss: default', config: { proxy: {} }, expect: 0 },
  {
    name: 'near miss: WebSockets turned off',
    config: { proxy: { websockets: false, websocketIdleTimeoutMs: 0 } },
    expect: 0,
  },
]);
