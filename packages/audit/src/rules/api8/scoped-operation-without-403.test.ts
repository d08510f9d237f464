import { describeRule, oas } from '../../test-rule.js';
import { scopedOperationWithout403 } from './scoped-operation-without-403.js';

const oauth = {
  securitySchemes: {
    oauth: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://a.example.com/t', scopes: { read: 'r' } } },
    },
  },
};

describeRule(scopedOperationWithout403, [
  {
    name: 'scoped operation without 403 (3.0)',
    document: oas({
      components: oauth,
      paths: {
        '/a': {
          get: {
            security: [{ oauth: ['read'] }],
            responses: { '200': { description: 'ok' }, '401': { description: 'x' } },
          },
        },
      },
    }),
    expect: [{ message: /GET \/a requires scopes but documents no 403/ }],
  },
  {
    name: 'scoped operation without 403 (3.1)',
    document: oas(
      {
        components: oauth,
        paths: {
          '/a': { get: { security: [{ oauth: ['read'] }], responses: { '200': { description: 'ok' } } } },
        },
      },
      '3.1',
    ),
    expect: 1,
  },
  {
    name: 'near miss: 403 documented, or no scopes required',
    document: oas({
      components: oauth,
      paths: {
        '/a': {
          get: {
            security: [{ oauth: ['read'] }],
            responses: { '200': { description: 'ok' }, '403': { description: 'no' } },
          },
        },
        '/b': { get: { security: [{ oauth: [] }], responses: { '200': { description: 'ok' } } } },
      },
    }),
    expect: 0,
  },
]);
