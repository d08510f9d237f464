import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayNoApiDescription } from './gateway-no-api-description.js';

describeGatewayConfigRule(gatewayNoApiDescription, [
  { name: 'no routing', config: {}, expect: [{ pointer: '' }] },
  {
    name: 'routing without spec',
    config: { routing: { caseInsensitive: true } },
    expect: [{ pointer: '/routing' }],
  },
  { name: 'near miss: spec given', config: { routing: { spec: 'openapi.yaml' } }, expect: 0 },
]);
