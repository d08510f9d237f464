import { describeRule, yamlDoc } from '../../test-rule.js';
import { objectIdWithoutAuthorizationResponse } from './object-id-without-authorization-response.js';

describeRule(objectIdWithoutAuthorizationResponse, [
  {
    name: 'Swagger 2.0 secured operation on an id without 403/404',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: header, name: X-Key } }
      security: [ { key: [] } ]
      paths:
        /accounts/{accountId}:
          get:
            parameters: [ { name: accountId, in: path, required: true, type: string } ]
            responses: { '200': { description: ok }, '401': { description: no } }
      `,
      '2.0',
    ),
    expect: [{ message: 'GET /accounts/{accountId} takes object id "accountId"' }],
  },
  {
    name: 'near miss: 4XX class documented (3.1)',
    document: yamlDoc(
      `
      components: { securitySchemes: { b: { type: http, scheme: bearer } } }
      security: [ { b: [] } ]
      paths:
        /accounts/{accountId}:
          get:
            parameters: [ { name: accountId, in: path, required: true, schema: { type: string } } ]
            responses: { '200': { description: ok }, '4XX': { description: client error } }
      `,
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: unauthenticated operations are covered by another rule',
    document: yamlDoc(`
      paths:
        /accounts/{accountId}:
          get:
            parameters: [ { name: accountId, in: path, required: true, schema: { type: string } } ]
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
