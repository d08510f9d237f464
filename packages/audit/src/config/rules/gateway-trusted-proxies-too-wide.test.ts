import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayTrustedProxiesTooWide } from './gateway-trusted-proxies-too-wide.js';

describeGatewayConfigRule(gatewayTrustedProxiesTooWide, [
  {
    name: '0.0.0.0/0 and ::/0',
    config: { trustedProxies: ['10.0.0.0/8', '0.0.0.0/0', '::/0'] },
    expect: [
      { pointer: '/trustedProxies/1', message: 'every address' },
      { pointer: '/trustedProxies/2', message: 'every address' },
    ],
  },
  { name: 'a /4 range', config: { trustedProxies: ['64.0.0.0/4'] }, expect: [{ message: 'a /4 range' }] },
  {
    name: 'near miss: private /8 and a single address',
    config: { trustedProxies: ['10.0.0.0/8', '192.0.2.10', 'fd00::/48'] },
    expect: 0,
  },
]);
