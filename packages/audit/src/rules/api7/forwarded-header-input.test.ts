import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { forwardedHeaderInput } from './forwarded-header-input.js';

describeRule(forwardedHeaderInput, [
  {
    name: 'X-Forwarded-Host documented as input (3.0)',
    document: oas({
      paths: {
        '/password-reset': {
          post: {
            parameters: [{ name: 'X-Forwarded-Host', in: 'header', schema: { type: 'string' } }],
            responses: { '204': { description: 'ok' } },
          },
        },
      },
    }),
    expect: [{ message: /header "X-Forwarded-Host" is documented as client input/ }],
  },
  {
    name: 'X-Original-URL in 2.0',
    document: yamlDoc(
      `
      paths:
        /files:
          get:
            parameters: [{ name: X-Original-URL, in: header, type: string }]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: X-Forwarded-For (client IP, not routing) and a query parameter named host',
    document: oas(
      {
        paths: {
          '/files': {
            get: {
              parameters: [
                { name: 'X-Forwarded-For', in: 'header', schema: { type: 'string' } },
                { name: 'x-forwarded-host', in: 'query', schema: { type: 'string' } },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
