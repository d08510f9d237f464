import { describeRule, yamlDoc } from '../../test-rule.js';
import { privilegedFieldWritable } from './privileged-field-writable.js';

describeRule(privilegedFieldWritable, [
  {
    name: 'Swagger 2.0 role in a shared definition, grouped over two operations',
    document: yamlDoc(
      `
      definitions:
        User: { type: object, properties: { name: { type: string }, role: { type: string } } }
      paths:
        /users:
          post:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/User' } } ]
            responses: { '201': { description: ok } }
        /users/{userId}:
          patch:
            parameters:
              - { name: userId, in: path, required: true, type: string }
              - { name: body, in: body, schema: { $ref: '#/definitions/User' } }
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [
      {
        message: 'request field "role" is privileged',
        operations: 2,
        pointer: '/definitions/User/properties/role',
      },
    ],
  },
  {
    name: 'balance at the top of the body, isAdmin nested (3.1)',
    document: yamlDoc(
      `
      paths:
        /wallets:
          post:
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      balance: { type: number }
                      owner: { type: object, properties: { isAdmin: { type: boolean } } }
            responses: { '201': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: '"balance"' }, { message: '"owner.isAdmin"' }],
  },
  {
    name: 'near miss: an order status, a nested bank accountType, and role on an admin path',
    document: yamlDoc(`
      paths:
        /orders/{orderId}:
          patch:
            parameters: [ { name: orderId, in: path, required: true, schema: { type: string } } ]
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      status: { type: string }
                      bankAccount: { type: object, properties: { accountType: { type: string } } }
            responses: { '200': { description: ok } }
        /admin/users/{userId}:
          patch:
            parameters: [ { name: userId, in: path, required: true, schema: { type: string } } ]
            requestBody:
              content: { application/json: { schema: { type: object, properties: { role: { type: string } } } } }
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
