import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayInjectionNotBlocking } from './gateway-injection-not-blocking.js';

describeGatewayConfigRule(gatewayInjectionNotBlocking, [
  {
    name: 'observe mode',
    config: { policies: { injection: { mode: 'observe' } } },
    expect: [{ pointer: '/policies/injection/mode' }],
  },
  {
    name: 'not configured',
    config: { policies: {} },
    expect: [{ pointer: '/policies', message: 'not configured' }],
  },
  { name: 'near miss: block', config: { policies: { injection: { mode: 'block' } } }, expect: 0 },
  { name: 'near miss: defaults', config: { policies: { injection: {} } }, expect: 0 },
]);
