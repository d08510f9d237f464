import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayAdminExposed } from './gateway-admin-exposed.js';

describeGatewayConfigRule(gatewayAdminExposed, [
  {
    name: 'admin on 0.0.0.0',
    config: { admin: { listen: { host: '0.0.0.0', port: 9901 } } },
    expect: [{ pointer: '/admin/listen/host' }],
  },
  { name: 'near miss: admin on loopback', config: { admin: { listen: { host: '127.0.0.1' } } }, expect: 0 },
  {
    name: 'near miss: admin turned off',
    config: { admin: { enabled: false, listen: { host: '0.0.0.0' } } },
    expect: 0,
  },
]);
