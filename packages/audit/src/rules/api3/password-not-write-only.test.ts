import { describeRule, yamlDoc } from '../../test-rule.js';
import { passwordNotWriteOnly } from './password-not-write-only.js';

describeRule(passwordNotWriteOnly, [
  {
    name: 'Swagger 2.0 shared definition (no writeOnly in 2.0 at all)',
    document: yamlDoc(
      `
      definitions:
        Account: { type: object, properties: { login: { type: string }, pin: { type: string } } }
      paths:
        /accounts:
          post:
            parameters: [ { name: body, in: body, schema: { $ref: '#/definitions/Account' } } ]
            responses: { '201': { description: ok, schema: { $ref: '#/definitions/Account' } } }
      `,
      '2.0',
    ),
    expect: [{ message: 'password field "pin"' }],
  },
  {
    name: 'near miss: login request schema not used in responses (3.1)',
    document: yamlDoc(
      `
      paths:
        /login:
          post:
            requestBody:
              content: { application/json: { schema: { type: object, properties: { password: { type: string } } } } }
            responses: { '204': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
