import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayRateLimitOnlyByIp } from './gateway-rate-limit-only-by-ip.js';

const limits = (...by: string[][]) =>
  by.map((keys, i) => ({ name: `l${i}`, by: keys, limit: 10, windowSeconds: 60 }));

describeGatewayConfigRule(gatewayRateLimitOnlyByIp, [
  {
    name: 'jwt and only per-ip limits',
    config: { policies: { jwt: {}, 'rate-limit': { limits: limits(['ip'], ['ip', 'operation']) } } },
    expect: [{ pointer: '/policies/rate-limit/limits' }],
  },
  {
    name: 'near miss: one limit per identity',
    config: { policies: { jwt: {}, 'rate-limit': { limits: limits(['ip'], ['identity']) } } },
    expect: 0,
  },
  {
    name: 'near miss: no authentication',
    config: { policies: { 'rate-limit': { limits: limits(['ip']) } } },
    expect: 0,
  },
]);
