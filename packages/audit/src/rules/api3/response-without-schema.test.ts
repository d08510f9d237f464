import { describeRule, yamlDoc } from '../../test-rule.js';
import { responseWithoutSchema } from './response-without-schema.js';

describeRule(responseWithoutSchema, [
  {
    name: 'Swagger 2.0 200 without schema',
    document: yamlDoc(
      `
      paths:
        /reports:
          get:
            produces: [application/json]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'GET /reports response 200 has no body schema' }],
  },
  {
    name: 'near miss: 204 and POST without body',
    document: yamlDoc(
      `
      paths:
        /ping:
          get: { responses: { '204': { description: ok } } }
        /jobs:
          post: { responses: { '202': { description: queued } } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
