import { describeRule, yamlDoc } from '../../test-rule.js';
import { undefinedSecurityScheme } from './undefined-security-scheme.js';

const OAUTH = `
      components:
        securitySchemes:
          oauth:
            type: oauth2
            flows:
              clientCredentials: { tokenUrl: 'https://a.example/token', scopes: { 'orders:read': read } }
`;

describeRule(undefinedSecurityScheme, [
  {
    name: 'operation names an undeclared scope',
    document: yamlDoc(`${OAUTH}
      paths:
        /orders:
          delete:
            security: [ { oauth: ['orders:write'] } ]
            responses: { '204': { description: ok } }
    `),
    expect: [
      { message: 'requires scope "orders:write" of "oauth"', pointer: '/paths/~1orders/delete/security' },
    ],
  },
  {
    name: 'Swagger 2.0 operation names an undeclared scheme',
    document: yamlDoc(
      `
      paths:
        /orders:
          get:
            security: [ { apiKey: [] } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'requires scheme "apiKey", which is not declared' }],
  },
  {
    name: 'near miss: declared scope',
    document: yamlDoc(`${OAUTH}
      paths:
        /orders:
          get:
            security: [ { oauth: ['orders:read'] } ]
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
