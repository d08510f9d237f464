import { describeRule, oas } from '../../test-rule.js';
import { callbackUrlFromRequest } from './callback-url-from-request.js';

const subscribe = (callbackUrl: Record<string, unknown>, expression: string) => ({
  '/subscriptions': {
    post: {
      requestBody: {
        content: { 'application/json': { schema: { type: 'object', properties: { callbackUrl } } } },
      },
      responses: { '201': { description: 'ok' } },
      callbacks: {
        onEvent: {
          [expression]: {
            post: {
              requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    },
  },
});

describeRule(callbackUrlFromRequest, [
  {
    name: 'callback addressed by a body field (3.0)',
    document: oas({ paths: subscribe({ type: 'string' }, '{$request.body#/callbackUrl}') }),
    expect: [
      {
        message:
          /callback "onEvent" of POST \/subscriptions is sent to \{\$request\.body#\/callbackUrl\}, a URL the client chooses: validate/,
        severity: 'medium',
      },
    ],
  },
  {
    name: 'the field has a pattern: low (3.1)',
    document: oas(
      { paths: subscribe({ type: 'string', pattern: '^https://' }, '{$request.body#/callbackUrl}') },
      '3.1',
    ),
    expect: [{ severity: 'low' }],
  },
  {
    name: 'near miss: callback to a fixed URL',
    document: oas({ paths: subscribe({ type: 'string' }, 'https://hooks.example.com/events') }),
    expect: 0,
  },
]);
