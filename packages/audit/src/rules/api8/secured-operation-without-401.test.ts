import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { securedOperationWithout401 } from './secured-operation-without-401.js';

const bearer = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };

describeRule(securedOperationWithout401, [
  {
    name: 'secured operation without 401 (3.0)',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } },
    }),
    expect: [{ message: /GET \/a requires authentication but documents no 401/ }],
  },
  {
    name: 'several operations are one finding per document (3.0)',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok' } } } },
        '/b': { get: { responses: { '200': { description: 'ok' } } } },
      },
    }),
    expect: [
      {
        message: /GET \/a and 1 other operation\(s\) require authentication but document no 401/,
        operations: 2,
      },
    ],
  },
  {
    name: 'Swagger 2.0 api key',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: header, name: X-Key } }
      security: [{ key: [] }]
      paths:
        /a: { get: { responses: { '200': { description: ok }, '403': { description: no } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: 401 documented; public and optional-auth operations (3.1)',
    document: oas(
      {
        components: bearer,
        paths: {
          '/a': {
            get: {
              security: [{ bearer: [] }],
              responses: { '200': { description: 'ok' }, '401': { description: 'who?' } },
            },
          },
          '/b': { get: { security: [], responses: { '200': { description: 'ok' } } } },
          '/c': { get: { security: [{}, { bearer: [] }], responses: { '200': { description: 'ok' } } } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
