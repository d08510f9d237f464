import { describeRule, yamlDoc } from '../../test-rule.js';
import { credentialInUrl } from './credential-in-url.js';

describeRule(credentialInUrl, [
  {
    name: 'Swagger 2.0 access token in query',
    document: yamlDoc(
      `
      paths:
        /export:
          get:
            parameters: [ { name: access_token, in: query, type: string } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'query parameter "access_token" of GET /export carries a token or secret' }],
  },
  {
    name: 'reset token in the path (3.1)',
    document: yamlDoc(
      `
      paths:
        /password-resets/{resetToken}:
          post:
            parameters: [ { name: resetToken, in: path, required: true, schema: { type: string } } ]
            responses: { '204': { description: ok } }
      `,
      '3.1',
    ),
    expect: 1,
  },
  {
    name: 'near miss: a pagination token, and an API key addressed by its id under /apikeys',
    document: yamlDoc(`
      paths:
        /apikeys/{apiKey}:
          get:
            parameters:
              - { name: apiKey, in: path, required: true, schema: { type: string } }
              - { name: token, in: query, description: The pagination token of the next page, schema: { type: string } }
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: token in a header, and a "tokenType" in the query',
    document: yamlDoc(`
      paths:
        /export:
          get:
            parameters:
              - { name: X-Session-Token, in: header, schema: { type: string } }
              - { name: tokenType, in: query, schema: { type: string } }
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
