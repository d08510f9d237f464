import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { deprecatedOperationWithoutSunset } from './deprecated-operation-without-sunset.js';

describeRule(deprecatedOperationWithoutSunset, [
  {
    name: 'deprecated, no header (3.0)',
    document: oas({
      paths: { '/old': { get: { deprecated: true, responses: { '200': { description: 'ok' } } } } },
    }),
    expect: [{ message: /GET \/old is deprecated but documents no Sunset or Deprecation header/ }],
  },
  {
    name: 'deprecated, no header (2.0)',
    document: yamlDoc(
      `
      paths:
        /old: { get: { deprecated: true, responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: Sunset header, x-sunset extension, not deprecated (3.1)',
    document: oas(
      {
        paths: {
          '/a': {
            get: {
              deprecated: true,
              responses: {
                '200': { description: 'ok', headers: { Sunset: { schema: { type: 'string' } } } },
              },
            },
          },
          '/b': {
            get: { deprecated: true, 'x-sunset': '2027-01-01', responses: { '200': { description: 'ok' } } },
          },
          '/c': { get: { responses: { '200': { description: 'ok' } } } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
