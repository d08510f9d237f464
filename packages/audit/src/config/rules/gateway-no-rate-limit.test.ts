import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayNoRateLimit } from './gateway-no-rate-limit.js';

describeGatewayConfigRule(gatewayNoRateLimit, [
  { name: 'no policies at all', config: {}, expect: [{ pointer: '' }] },
  {
    name: 'rate-limit without limits',
    config: { policies: { 'rate-limit': {} } },
    expect: [{ pointer: '/policies/rate-limit' }],
  },
  {
    name: 'near miss: a limit',
    config: {
      policies: { 'rate-limit': { limits: [{ name: 'a', by: ['ip'], limit: 1, windowSeconds: 1 }] } },
    },
    expect: 0,
  },
  {
    name: 'near miss: quotas only',
    config: { policies: { 'rate-limit': { quotas: [{ name: 'q' }] } } },
    expect: 0,
  },
]);
