import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayAuthenticationFailOpen } from './gateway-authentication-fail-open.js';

describeGatewayConfigRule(gatewayAuthenticationFailOpen, [
  {
    name: 'introspection fails open',
    config: { policies: { introspection: { failMode: 'open' } } },
    expect: [{ pointer: '/policies/introspection/failMode' }],
  },
  {
    name: 'jwt fails open',
    config: { policies: { jwt: { failMode: 'open' } } },
    expect: [{ pointer: '/policies/jwt/failMode' }],
  },
  {
    name: 'near miss: closed',
    config: { policies: { jwt: { failMode: 'closed' }, introspection: {} } },
    expect: 0,
  },
]);
