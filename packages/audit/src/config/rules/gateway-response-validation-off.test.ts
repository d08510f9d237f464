import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayResponseValidationOff } from './gateway-response-validation-off.js';

const spec = (property: string) => `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /me:
    get:
      operationId: getMe
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { name: { type: string }, ${property}: { type: string } } }
`;

describeGatewayConfigRule(gatewayResponseValidationOff, [
  {
    name: 'response off with an ssn in a response',
    config: { policies: { 'request-validation': { response: 'off' } } },
    spec: spec('ssn'),
    expect: [{ pointer: '/policies/request-validation/response', message: 'getMe' }],
  },
  {
    name: 'near miss: response logged',
    config: { policies: { 'request-validation': { response: 'log' } } },
    spec: spec('ssn'),
    expect: 0,
  },
  {
    name: 'near miss: nothing sensitive',
    config: { policies: { 'request-validation': { response: 'off' } } },
    spec: spec('nickname'),
    expect: 0,
  },
]);
