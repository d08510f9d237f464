import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayNoAuthentication } from './gateway-no-authentication.js';

const SECURED = `openapi: 3.0.3
info: { title: T, version: '1' }
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
security: [{ bearer: [] }]
paths:
  /accounts/{id}:
    get:
      operationId: getAccount
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
`;

describeGatewayConfigRule(gatewayNoAuthentication, [
  {
    name: 'secured description, no authentication policy',
    config: { policies: { injection: {} } },
    spec: SECURED,
    expect: [{ pointer: '/policies', message: '1 operation(s)' }],
  },
  {
    name: 'near miss: jwt configured',
    config: { policies: { jwt: { issuers: [] } } },
    spec: SECURED,
    expect: 0,
  },
  {
    name: 'near miss: mTLS configured',
    config: { tls: { clientCertificate: { caFile: 'ca.pem' } } },
    spec: SECURED,
    expect: 0,
  },
  {
    name: 'near miss: description without security',
    config: {},
    spec: SECURED.replace('security: [{ bearer: [] }]', ''),
    expect: 0,
  },
]);
