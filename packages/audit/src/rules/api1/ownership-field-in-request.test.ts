import { describeRule, yamlDoc } from '../../test-rule.js';
import { ownershipFieldInRequest } from './ownership-field-in-request.js';

describeRule(ownershipFieldInRequest, [
  {
    name: 'Swagger 2.0 body parameter with tenantId, grouped over two operations',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: header, name: X-Key } }
      security: [ { key: [] } ]
      definitions:
        Project: { type: object, properties: { name: { type: string }, tenant_id: { type: string } } }
      paths:
        /projects:
          post:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/Project' } } ]
            responses: { '201': { description: ok } }
        /projects/{projectId}:
          put:
            parameters:
              - { name: projectId, in: path, required: true, type: string }
              - { name: body, in: body, schema: { $ref: '#/definitions/Project' } }
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'request field "tenant_id"', operations: 2 }],
  },
  {
    name: 'near miss: unauthenticated operations (nobody to impersonate)',
    document: yamlDoc(`
      paths:
        /notes:
          post:
            requestBody:
              content: { application/json: { schema: { type: object, properties: { ownerId: { type: string } } } } }
            responses: { '201': { description: ok } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: an object id that is not an owner (productId)',
    document: yamlDoc(
      `
      security: [ { b: [] } ]
      components: { securitySchemes: { b: { type: http, scheme: bearer } } }
      paths:
        /cart/items:
          post:
            requestBody:
              content: { application/json: { schema: { type: object, properties: { productId: { type: string } } } } }
            responses: { '201': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
