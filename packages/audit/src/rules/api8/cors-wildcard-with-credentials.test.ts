import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { corsWildcardWithCredentials } from './cors-wildcard-with-credentials.js';

const headers = (origin: unknown, credentials: unknown) => ({
  'Access-Control-Allow-Origin': { schema: { type: 'string', enum: [origin] } },
  'Access-Control-Allow-Credentials': { schema: { type: 'boolean', default: credentials } },
});

describeRule(corsWildcardWithCredentials, [
  {
    name: 'ACAO * with credentials true (3.0)',
    document: oas({
      paths: { '/me': { get: { responses: { '200': { description: 'ok', headers: headers('*', true) } } } } },
    }),
    expect: [
      {
        message:
          /GET \/me response 200 declares Access-Control-Allow-Origin "\*" with Access-Control-Allow-Credentials true/,
      },
    ],
  },
  {
    name: 'Swagger 2.0 header enum and default',
    document: yamlDoc(
      `
      paths:
        /me:
          get:
            responses:
              '200':
                description: ok
                headers:
                  Access-Control-Allow-Origin: { type: string, enum: ['*'] }
                  Access-Control-Allow-Credentials: { type: string, default: 'true' }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: wildcard without credentials, and credentials with a listed origin (3.1)',
    document: oas(
      {
        paths: {
          '/public': { get: { responses: { '200': { description: 'ok', headers: headers('*', false) } } } },
          '/me': {
            get: {
              responses: { '200': { description: 'ok', headers: headers('https://app.acme.io', true) } },
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
