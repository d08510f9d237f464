import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayRequestValidationOff } from './gateway-request-validation-off.js';

const routing = { spec: 'openapi.yaml' };

describeGatewayConfigRule(gatewayRequestValidationOff, [
  {
    name: 'policy absent',
    config: { routing, policies: {} },
    expect: [{ pointer: '/policies', message: 'not configured' }],
  },
  {
    name: 'request: false',
    config: { routing, policies: { 'request-validation': { request: false } } },
    expect: [{ pointer: '/policies/request-validation/request' }],
  },
  {
    name: 'near miss: configured with defaults',
    config: { routing, policies: { 'request-validation': {} } },
    expect: 0,
  },
  { name: 'near miss: no description (another rule)', config: { policies: {} }, expect: 0 },
]);
