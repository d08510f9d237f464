import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { adminPathSharesUserSecurity } from './admin-path-shares-user-security.js';

const bearer = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };
const ok = { '200': { description: 'ok' } };

describeRule(adminPathSharesUserSecurity, [
  {
    name: 'admin paths take the same bearer token as user paths, grouped once (3.0)',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/admin/users': { get: { responses: ok }, delete: { responses: ok } },
        '/internal/metrics': { get: { responses: ok } },
      },
    }),
    expect: [
      { message: /3 admin\/internal operations \(e\.g\. GET \/admin\/users\) accept bearer/, operations: 3 },
    ],
  },
  {
    name: 'actuator on the same API key (2.0)',
    document: yamlDoc(
      `
      securityDefinitions:
        key: { type: apiKey, in: header, name: X-Key }
      security: [{ key: [] }]
      paths:
        /orders: { get: { responses: { '200': { description: ok } } } }
        /actuator/env: { get: { responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: [{ message: /GET \/actuator\/env accept key/ }],
  },
  {
    name: 'admin path needs an admin scope (3.1) is fine',
    document: oas(
      {
        components: {
          securitySchemes: {
            oauth: {
              type: 'oauth2',
              flows: {
                clientCredentials: { tokenUrl: 'https://a.example.com/t', scopes: { user: 'u', admin: 'a' } },
              },
            },
          },
        },
        paths: {
          '/pets': { get: { security: [{ oauth: ['user'] }], responses: ok } },
          '/admin/users': { get: { security: [{ oauth: ['admin'] }], responses: ok } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: words that merely contain admin-like text (/administrative-areas, /managed-clusters, /internal-notes)',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/managed-clusters': { get: { responses: ok } },
        '/administrative-areas': { get: { responses: ok } },
        '/internal-notes': { get: { responses: ok } },
        '/geo/adminDivisions': { get: { responses: ok } },
        '/management/accounts': { get: { responses: ok } },
      },
    }),
    expect: 0,
  },
]);
