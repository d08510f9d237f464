import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayPlainHttpExposed } from './gateway-plain-http-exposed.js';

describeGatewayConfigRule(gatewayPlainHttpExposed, [
  {
    name: 'plain HTTP on 0.0.0.0',
    config: { listen: { host: '0.0.0.0' } },
    expect: [{ pointer: '/listen/host', message: '0.0.0.0 without TLS' }],
  },
  { name: 'plain HTTP on a public IPv6 wildcard', config: { listen: { host: '::' } }, expect: 1 },
  { name: 'near miss: loopback (the default)', config: {}, expect: 0 },
  { name: 'near miss: ::1', config: { listen: { host: '[::1]' } }, expect: 0 },
  {
    name: 'near miss: TLS on 0.0.0.0',
    config: { listen: { host: '0.0.0.0' }, tls: { cert: 'c.pem', key: 'k.pem' } },
    expect: 0,
  },
]);
