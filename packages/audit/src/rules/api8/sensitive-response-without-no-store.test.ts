import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { sensitiveResponseWithoutNoStore } from './sensitive-response-without-no-store.js';

const token = {
  type: 'object',
  properties: { accessToken: { type: 'string' }, expiresIn: { type: 'integer' } },
};

describeRule(sensitiveResponseWithoutNoStore, [
  {
    name: 'token response without Cache-Control (3.0)',
    document: oas({
      paths: {
        '/token': {
          post: {
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: token } } } },
          },
        },
      },
    }),
    expect: [
      {
        message:
          /POST \/token response 200 returns "accessToken" without documenting Cache-Control: no-store/,
        severity: 'info',
      },
    ],
  },
  {
    name: 'several operations are one finding per document (3.0)',
    document: oas({
      paths: {
        '/token': {
          post: {
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: token } } } },
          },
        },
        '/refresh': {
          post: {
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: token } } } },
          },
        },
      },
    }),
    expect: [{ message: /and 1 other operation\(s\) return sensitive fields/, operations: 2 }],
  },
  {
    name: 'Cache-Control documented as public (2.0)',
    document: yamlDoc(
      `
      paths:
        /me:
          get:
            responses:
              '200':
                description: ok
                headers: { Cache-Control: { type: string, enum: [public] } }
                schema: { type: object, properties: { ssn: { type: string } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: no-store documented; non-sensitive body (3.1)',
    document: oas(
      {
        paths: {
          '/token': {
            post: {
              responses: {
                '200': {
                  description: 'ok',
                  headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
                  content: { 'application/json': { schema: token } },
                },
              },
            },
          },
          '/pets': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: { type: 'object', properties: { name: { type: 'string' } } },
                    },
                  },
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
