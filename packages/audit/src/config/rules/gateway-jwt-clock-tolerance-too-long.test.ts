import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayJwtClockToleranceTooLong } from './gateway-jwt-clock-tolerance-too-long.js';

describeGatewayConfigRule(gatewayJwtClockToleranceTooLong, [
  {
    name: '10 minutes',
    config: { policies: { jwt: { clockToleranceSeconds: 600 } } },
    expect: [{ pointer: '/policies/jwt/clockToleranceSeconds', message: '10 minutes longer' }],
  },
  {
    name: 'near miss: exactly 5 minutes',
    config: { policies: { jwt: { clockToleranceSeconds: 300 } } },
    expect: 0,
  },
  { name: 'near miss: default', config: { policies: { jwt: {} } }, expect: 0 },
]);
