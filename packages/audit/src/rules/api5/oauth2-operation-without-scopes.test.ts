import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { oauth2OperationWithoutScopes } from './oauth2-operation-without-scopes.js';

const oauth = {
  securitySchemes: {
    oauth: {
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://a.example.com/authorize',
          tokenUrl: 'https://a.example.com/token',
          scopes: { read: 'read', write: 'write' },
        },
      },
    },
  },
};
const ok = { '200': { description: 'ok' } };

describeRule(oauth2OperationWithoutScopes, [
  {
    name: 'one operation without scopes among scoped ones (3.0)',
    document: oas({
      components: oauth,
      paths: {
        '/pets': {
          get: { security: [{ oauth: ['read'] }], responses: ok },
          post: { security: [{ oauth: [] }], responses: ok },
        },
      },
    }),
    expect: [{ message: /POST \/pets accepts oauth with no scopes/, pointer: '/paths/~1pets/post' }],
  },
  {
    name: 'document default without scopes is reported once for all inheriting operations (3.1)',
    document: oas(
      {
        components: oauth,
        security: [{ oauth: [] }],
        paths: {
          '/pets': { get: { responses: ok }, post: { responses: ok } },
          '/stores': { post: { security: [{ oauth: ['write'] }], responses: ok } },
        },
      },
      '3.1',
    ),
    expect: [{ message: /document-level security uses oauth with no scopes, so 2 operation/, operations: 2 }],
  },
  {
    name: 'Swagger 2.0 oauth2 definition',
    document: yamlDoc(
      `
      securityDefinitions:
        oauth:
          type: oauth2
          flow: application
          tokenUrl: https://a.example.com/token
          scopes: { read: read }
      paths:
        /pets:
          get: { security: [{ oauth: [read] }], responses: { '200': { description: ok } } }
          delete: { security: [{ oauth: [] }], responses: { '200': { description: ok } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: no operation declares scopes (nothing to compare with)',
    document: oas({
      components: oauth,
      security: [{ oauth: [] }],
      paths: { '/pets': { get: { responses: ok }, post: { responses: ok } } },
    }),
    expect: 0,
  },
]);
