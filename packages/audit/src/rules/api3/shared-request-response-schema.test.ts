import { describeRule, yamlDoc } from '../../test-rule.js';
import { sharedRequestResponseSchema } from './shared-request-response-schema.js';

describeRule(sharedRequestResponseSchema, [
  {
    name: 'Swagger 2.0 same definition in body and response',
    document: yamlDoc(
      `
      definitions:
        Pet: { type: object, properties: { id: { type: integer }, name: { type: string } } }
      paths:
        /pets:
          put:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/Pet' } } ]
            responses: { '200': { description: ok, schema: { $ref: '#/definitions/Pet' } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: separate schemas with the same shape (3.1)',
    document: yamlDoc(
      `
      paths:
        /pets:
          put:
            requestBody:
              content: { application/json: { schema: { type: object, properties: { id: { type: integer }, name: { type: string } } } } }
            responses:
              '200':
                description: ok
                content: { application/json: { schema: { type: object, properties: { id: { type: integer }, name: { type: string } } } } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
