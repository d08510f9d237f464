import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { operationWithoutErrorResponse } from './operation-without-error-response.js';

describeRule(operationWithoutErrorResponse, [
  {
    name: 'only 200 documented (3.0)',
    document: oas({ paths: { '/a': { post: { responses: { '200': { description: 'ok' } } } } } }),
    expect: [{ message: /POST \/a documents no 4xx or default response/, severity: 'info' }],
  },
  {
    name: 'only 200 and 500 (2.0)',
    document: yamlDoc(
      `
      paths:
        /a: { get: { responses: { '200': { description: ok }, '500': { description: oops } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: 400, 4XX or default each count (3.1)',
    document: oas(
      {
        paths: {
          '/a': { get: { responses: { '200': { description: 'ok' }, '400': { description: 'bad' } } } },
          '/b': { get: { responses: { '200': { description: 'ok' }, '4XX': { description: 'bad' } } } },
          '/c': { get: { responses: { '200': { description: 'ok' }, default: { description: 'err' } } } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
