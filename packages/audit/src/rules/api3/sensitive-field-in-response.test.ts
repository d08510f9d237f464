import { describeRule, yamlDoc } from '../../test-rule.js';
import { sensitiveFieldInResponse } from './sensitive-field-in-response.js';

describeRule(sensitiveFieldInResponse, [
  {
    name: 'Swagger 2.0 ssn and card number in a list response',
    document: yamlDoc(
      `
      definitions:
        Customer: { type: object, properties: { name: { type: string }, ssn: { type: string }, cardNumber: { type: string } } }
      paths:
        /customers:
          get:
            responses: { '200': { description: ok, schema: { type: array, items: { $ref: '#/definitions/Customer' } } } }
      `,
      '2.0',
    ),
    expect: [
      { message: 'response field "[].ssn" exposes a government id', severity: 'high' },
      { message: 'exposes card data', severity: 'high' },
    ],
  },
  {
    name: 'one finding for a schema returned by three operations (3.1)',
    document: yamlDoc(
      `
      components:
        schemas:
          User: { type: object, properties: { email: { type: string }, password_hash: { type: string } } }
      paths:
        /users:
          get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } } } }
        /users/{id}:
          get:
            parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
            responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } } }
        /me:
          get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } } } }
      `,
      '3.1',
    ),
    expect: [{ operations: 3, pointer: '/components/schemas/User/properties/password_hash' }],
  },
  {
    name: 'near miss: access token returned by the token endpoint, and a 4xx body',
    document: yamlDoc(`
      paths:
        /oauth/token:
          post:
            responses:
              '200':
                description: ok
                content: { application/json: { schema: { type: object, properties: { access_token: { type: string } } } } }
        /users:
          get:
            responses:
              '200': { description: ok }
              '400':
                description: bad
                content: { application/json: { schema: { type: object, properties: { password: { type: string } } } } }
    `),
    expect: 0,
  },
]);
