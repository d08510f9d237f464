import { describeRule, yamlDoc } from '../../test-rule.js';
import { stringWithoutMaxLength } from './string-without-max-length.js';

describeRule(stringWithoutMaxLength, [
  {
    name: 'one finding per schema listing properties, shared by two operations (Swagger 2.0)',
    document: yamlDoc(
      `
      definitions:
        Address: { type: object, properties: { street: { type: string }, city: { type: string }, zip: { type: string, maxLength: 10 } } }
      paths:
        /a:
          post:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/Address' } } ]
            responses: { '201': { description: ok } }
        /b:
          post:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/Address' } } ]
            responses: { '201': { description: ok } }
      `,
      '2.0',
    ),
    expect: [
      { message: 'request body has 2 string properties without maxLength: street, city', operations: 2 },
    ],
  },
  {
    name: 'query parameter (3.1 type array)',
    document: yamlDoc(
      `
      paths:
        /search:
          get:
            parameters: [ { name: q, in: query, schema: { type: [string, 'null'] } } ]
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: 'query parameter "q" is a string without maxLength' }],
  },
  {
    name: 'near miss: enum, uuid format, and strings only in responses',
    document: yamlDoc(`
      paths:
        /search:
          get:
            parameters:
              - { name: sort, in: query, schema: { type: string, enum: [asc, desc] } }
              - { name: id, in: query, schema: { type: string, format: uuid } }
            responses:
              '200':
                description: ok
                content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } }
    `),
    expect: 0,
  },
]);
