import { describeRule, yamlDoc } from '../../test-rule.js';
import { writeOperationWithoutSecurity } from './write-operation-without-security.js';

describeRule(writeOperationWithoutSecurity, [
  {
    name: 'Swagger 2.0 DELETE without security',
    document: yamlDoc(
      `
      paths:
        /orders/{id}:
          delete:
            parameters: [ { name: id, in: path, required: true, type: string } ]
            responses: { '204': { description: deleted } }
      `,
      '2.0',
    ),
    expect: [
      { message: 'DELETE /orders/{id} has no security requirement', pointer: '/paths/~1orders~1{id}/delete' },
    ],
  },
  {
    name: '3.1 PUT with optional authentication ({} alternative)',
    document: yamlDoc(
      `
      components: { securitySchemes: { key: { type: apiKey, in: header, name: X-Key } } }
      paths:
        /profile:
          put:
            security: [ { key: [] }, {} ]
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: /allows anonymous access/, severity: 'high' }],
  },
  {
    name: 'near miss: GET without security is not a write',
    document: yamlDoc(`
      paths:
        /orders:
          get:
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: POST declared public with x-public on the path item',
    document: yamlDoc(`
      paths:
        /signup:
          x-public: true
          post:
            responses: { '201': { description: ok } }
    `),
    expect: 0,
  },
]);
