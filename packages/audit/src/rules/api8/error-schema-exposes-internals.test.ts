import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { errorSchemaExposesInternals } from './error-schema-exposes-internals.js';

const ErrorBody = {
  type: 'object',
  properties: {
    message: { type: 'string' },
    stackTrace: { type: 'array', items: { type: 'string' } },
    traceId: { type: 'string' },
  },
};
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

describeRule(errorSchemaExposesInternals, [
  {
    name: 'a shared error schema with stackTrace is one finding for all operations (3.0)',
    document: oas({
      components: { schemas: { Error: ErrorBody } },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': { description: 'ok' },
              '500': { description: 'e', ...json({ $ref: '#/components/schemas/Error' }) },
            },
          },
        },
        '/b': {
          get: {
            responses: {
              '200': { description: 'ok' },
              default: { description: 'e', ...json({ $ref: '#/components/schemas/Error' }) },
            },
          },
        },
      },
    }),
    expect: [
      { message: /error response property "stackTrace" exposes implementation details/, operations: 2 },
    ],
  },
  {
    name: 'nested debug.sql in a 400 (2.0)',
    document: yamlDoc(
      `
      paths:
        /a:
          get:
            responses:
              '400':
                description: bad
                schema: { type: object, properties: { debug: { type: object, properties: { sql: { type: string } } } } }
      `,
      '2.0',
    ),
    expect: [{ message: /"debug"/ }],
  },
  {
    name: 'near miss: traceId in errors, stackTrace in a success response (3.1)',
    document: oas(
      {
        paths: {
          '/a': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  ...json({ type: 'object', properties: { stackTrace: { type: 'string' } } }),
                },
                '500': {
                  description: 'e',
                  ...json({
                    type: 'object',
                    properties: { traceId: { type: 'string' }, debugId: { type: 'string' } },
                  }),
                },
              },
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
