import { describeRule, yamlDoc } from '../../test-rule.js';
import { massAssignmentCandidate } from './mass-assignment-candidate.js';

describeRule(massAssignmentCandidate, [
  {
    name: 'field readOnly in the item GET response but writable in the collection POST (3.1)',
    document: yamlDoc(
      `
      paths:
        /accounts:
          post:
            requestBody:
              content:
                application/json:
                  schema: { type: object, properties: { name: { type: string }, verifiedAt: { type: string } } }
            responses: { '201': { description: created } }
        /accounts/{accountId}:
          get:
            parameters: [ { name: accountId, in: path, required: true, schema: { type: string } } ]
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema:
                      type: object
                      properties: { name: { type: string }, verifiedAt: { type: string, readOnly: true } }
      `,
      '3.1',
    ),
    expect: [{ message: 'verifiedAt (readOnly in responses)', severity: 'medium' }],
  },
  {
    name: 'Swagger 2.0 shared definition with createdAt, PUT compared with GET on the same path',
    document: yamlDoc(
      `
      definitions:
        Post: { type: object, properties: { title: { type: string }, createdAt: { type: string, format: date-time } } }
      paths:
        /posts/{postId}:
          get:
            parameters: [ { name: postId, in: path, required: true, type: string } ]
            responses: { '200': { description: ok, schema: { $ref: '#/definitions/Post' } } }
          put:
            parameters:
              - { name: postId, in: path, required: true, type: string }
              - { name: body, in: body, schema: { $ref: '#/definitions/Post' } }
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'createdAt (server-generated)', severity: 'low' }],
  },
  {
    name: 'near miss: request and response share no server-owned field',
    document: yamlDoc(`
      paths:
        /posts:
          post:
            requestBody:
              content: { application/json: { schema: { type: object, properties: { title: { type: string } } } } }
            responses:
              '201':
                description: ok
                content:
                  application/json:
                    schema: { type: object, properties: { id: { type: string }, title: { type: string } } }
    `),
    expect: 0,
  },
]);
