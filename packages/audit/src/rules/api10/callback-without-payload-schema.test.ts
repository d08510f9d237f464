import { describeRule, oas } from '../../test-rule.js';
import { callbackWithoutPayloadSchema } from './callback-without-payload-schema.js';

const ok = { '200': { description: 'ok' } };
const withCallback = (callbackOperation: Record<string, unknown>) => ({
  '/subscriptions': {
    post: {
      responses: ok,
      callbacks: {
        onEvent: { 'https://hooks.acme.io/events': { post: { responses: ok, ...callbackOperation } } },
      },
    },
  },
});

describeRule(callbackWithoutPayloadSchema, [
  {
    name: 'callback without a request body (3.0)',
    document: oas({ paths: withCallback({}) }),
    expect: [
      {
        message:
          /callback "onEvent" \(POST https:\/\/hooks\.acme\.io\/events\) of POST \/subscriptions declares no payload/,
      },
    ],
  },
  {
    name: '3.1 webhook with an empty object schema',
    document: oas(
      {
        webhooks: {
          newPet: {
            post: {
              requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
              responses: ok,
            },
          },
        },
      },
      '3.1',
    ),
    expect: [{ message: /webhook "newPet" \(POST\) declares its payload without a schema/ }],
  },
  {
    name: 'near miss: a described payload',
    document: oas({
      paths: withCallback({
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } },
          },
        },
      }),
    }),
    expect: 0,
  },
]);
