import { describeRule, yamlDoc } from '../../test-rule.js';
import { readOperationWithoutSecurity } from './read-operation-without-security.js';

describeRule(readOperationWithoutSecurity, [
  {
    name: 'Swagger 2.0 GET with empty operation security',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: header, name: X-Key } }
      security: [ { key: [] } ]
      paths:
        /accounts:
          get:
            security: []
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'GET /accounts has no security requirement' }],
  },
  {
    name: 'near miss: health checks and docs are public by nature',
    document: yamlDoc(`
      paths:
        /health:
          get: { responses: { '200': { description: ok } } }
        /v1/openapi.json:
          get: { responses: { '200': { description: ok } } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: authenticated read',
    document: yamlDoc(
      `
      components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
      security: [ { bearer: [] } ]
      paths:
        /accounts:
          get: { responses: { '200': { description: ok } } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
