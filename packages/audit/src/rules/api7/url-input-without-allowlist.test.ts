import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { urlInputWithoutAllowlist } from './url-input-without-allowlist.js';

const ok = { '200': { description: 'ok' } };
const Webhook = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    target: {
      type: 'object',
      properties: { endpoint: { type: 'string' }, headers: { type: 'array', items: { type: 'string' } } },
    },
    mirrors: { type: 'array', items: { type: 'string', format: 'uri' } },
  },
};

describeRule(urlInputWithoutAllowlist, [
  {
    name: 'query url on a preview operation is high; nested body properties at any depth (3.0)',
    document: oas({
      paths: {
        '/preview': {
          get: { parameters: [{ name: 'url', in: 'query', schema: { type: 'string' } }], responses: ok },
        },
        '/hooks': {
          post: { requestBody: { content: { 'application/json': { schema: Webhook } } }, responses: ok },
        },
      },
    }),
    expect: [
      {
        message:
          /query parameter "url" takes a URL with no pattern or enum on an operation that says it fetches \("preview"\)/,
        severity: 'high',
      },
      { message: /request property "target\.endpoint"/, severity: 'medium' },
      { message: /request property "mirrors"/, severity: 'low' },
    ],
  },
  {
    name: 'one shared schema used by two operations is one finding (3.1)',
    document: oas(
      {
        components: { schemas: { Avatar: { type: 'object', properties: { imageUrl: { type: 'string' } } } } },
        paths: {
          '/users/me/avatar': {
            put: {
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Avatar' } } },
              },
              responses: ok,
            },
          },
          '/teams/{id}/avatar': {
            put: {
              requestBody: {
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Avatar' } } },
              },
              responses: ok,
            },
          },
        },
      },
      '3.1',
    ),
    expect: [{ message: /"imageUrl"/, operations: 2 }],
  },
  {
    name: 'format: uri in a Swagger 2.0 form parameter',
    document: yamlDoc(
      `
      paths:
        /import:
          post:
            consumes: [application/x-www-form-urlencoded]
            parameters: [{ name: source, in: formData, type: string, format: uri }]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: /"source"/, severity: 'high' }],
  },
  {
    name: 'near miss: constrained, non-string, other formats, read-only, and responses',
    document: oas({
      paths: {
        '/things': {
          post: {
            parameters: [
              {
                name: 'url',
                in: 'query',
                schema: { type: 'string', pattern: '^https://cdn\\.example\\.com/' },
              },
              {
                name: 'callback',
                in: 'query',
                schema: { type: 'string', enum: ['https://a.example.com/cb'] },
              },
              { name: 'host', in: 'query', schema: { type: 'integer' } },
            ],
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      image: { type: 'string', format: 'binary' },
                      link: { type: 'string', format: 'uuid' },
                      selfUrl: { type: 'string', readOnly: true },
                    },
                  },
                },
              },
            },
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { schema: { type: 'object', properties: { url: { type: 'string' } } } },
                },
              },
            },
          },
        },
      },
    }),
    expect: 0,
  },
]);
