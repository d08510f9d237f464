import { describeRule, oas } from '../../test-rule.js';
import { callbackWithoutSecurity } from './callback-without-security.js';

const ok = { '200': { description: 'ok' } };
const body = {
  content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } },
};
const schemes = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };

describeRule(callbackWithoutSecurity, [
  {
    name: 'callback inherits only the document security (3.0)',
    document: oas({
      components: schemes,
      security: [{ bearer: [] }],
      paths: {
        '/subscriptions': {
          post: {
            responses: ok,
            callbacks: {
              onEvent: { '{$request.body#/url}': { post: { requestBody: body, responses: ok } } },
            },
          },
        },
      },
    }),
    expect: [
      { message: /callback "onEvent" .* has no security requirement, signature header or signing statement/ },
    ],
  },
  {
    name: 'one callback declared on two operations is one finding (3.0)',
    document: oas({
      paths: Object.fromEntries(
        ['/calls', '/conferences'].map((path) => [
          path,
          {
            post: {
              responses: ok,
              callbacks: {
                answered: { '{$request.body#/webhook_url}': { post: { requestBody: body, responses: ok } } },
              },
            },
          },
        ]),
      ),
    }),
    expect: [
      {
        message:
          /callback "answered" \(POST \{\$request\.body#\/webhook_url\}\) of 2 operations \(e\.g\. POST \/calls\)/,
        operations: 2,
      },
    ],
  },
  {
    name: '3.1 webhook with nothing',
    document: oas({ webhooks: { newPet: { post: { requestBody: body, responses: ok } } } }, '3.1'),
    expect: 1,
  },
  {
    name: 'near miss: signature header, own security, signing statement (3.1)',
    document: oas(
      {
        components: schemes,
        webhooks: {
          a: {
            post: {
              parameters: [
                { name: 'Webhook-Signature', in: 'header', required: true, schema: { type: 'string' } },
              ],
              requestBody: body,
              responses: ok,
            },
          },
          b: { post: { security: [{ bearer: [] }], requestBody: body, responses: ok } },
          c: {
            post: {
              description: 'Each delivery is signed with HMAC-SHA256.',
              requestBody: body,
              responses: ok,
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
