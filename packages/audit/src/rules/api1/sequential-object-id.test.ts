import { describeRule, yamlDoc } from '../../test-rule.js';
import { sequentialObjectId } from './sequential-object-id.js';

describeRule(sequentialObjectId, [
  {
    name: 'Swagger 2.0 integer id',
    document: yamlDoc(
      `
      paths:
        /users/{id}:
          get:
            parameters: [ { name: id, in: path, required: true, type: integer, format: int64 } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'path parameter "id" is an integer object id' }],
  },
  {
    name: 'shared path-item parameter via $ref reported once for both operations (3.1)',
    document: yamlDoc(
      `
      components:
        parameters:
          UserId: { name: userId, in: path, required: true, schema: { type: [integer] } }
      paths:
        /users/{userId}:
          parameters: [ { $ref: '#/components/parameters/UserId' } ]
          get: { responses: { '200': { description: ok } } }
          delete: { responses: { '204': { description: ok } } }
      `,
      '3.1',
    ),
    expect: [{ operations: 2 }],
  },
  {
    name: 'near miss: integer that is not an id (page number)',
    document: yamlDoc(`
      paths:
        /reports/{year}:
          get:
            parameters: [ { name: year, in: path, required: true, schema: { type: integer } } ]
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
