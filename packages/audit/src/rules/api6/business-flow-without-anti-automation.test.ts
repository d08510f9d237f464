import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { businessFlowWithoutAntiAutomation } from './business-flow-without-anti-automation.js';

const ok = { '200': { description: 'ok' } };

describeRule(businessFlowWithoutAntiAutomation, [
  {
    name: 'coupon redemption and sign-up without any rate-limit documentation (3.0)',
    document: oas({
      paths: {
        '/coupons/{code}/redeem': { post: { responses: ok } },
        '/accounts': { post: { operationId: 'signUp', responses: ok } },
        '/coupons': { get: { responses: ok } },
      },
    }),
    expect: [
      { message: /POST \/coupons\/\{code\}\/redeem starts a redeem flow/ },
      { message: /POST \/accounts starts a signup flow/ },
    ],
  },
  {
    name: 'PUT checkout verb on a cart (3.1)',
    document: oas({ paths: { '/carts/{id}/checkout': { put: { responses: ok } } } }, '3.1'),
    expect: [{ message: /purchase flow/ }],
  },
  {
    name: 'password reset (2.0)',
    document: yamlDoc(
      `
      paths:
        /password/reset:
          post: { responses: { '204': { description: sent } } }
      `,
      '2.0',
    ),
    expect: [{ message: /credential-reset flow/ }],
  },
  {
    name: 'near miss: the flows document 429, RateLimit headers, a CAPTCHA field, an extension',
    document: oas({
      paths: {
        '/orders': {
          post: { responses: { '201': { description: 'ok' }, '429': { description: 'slow down' } } },
        },
        '/votes': {
          post: {
            responses: {
              '200': {
                description: 'ok',
                headers: { 'RateLimit-Remaining': { schema: { type: 'integer' } } },
              },
            },
          },
        },
        '/signup': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { captchaToken: { type: 'string' } } },
                },
              },
            },
            responses: ok,
          },
        },
        '/invitations': { post: { 'x-rate-limit': { perMinute: 5 }, responses: ok } },
      },
    }),
    expect: 0,
  },
  {
    name: 'near miss: not flows (search POST, device reset, webhook registration, reads)',
    document: oas({
      paths: {
        '/orders/search': { post: { responses: ok } },
        '/devices/{id}/reset': { post: { responses: ok } },
        '/webhooks/register': { post: { security: [{ key: [] }], responses: ok } },
        '/orgs/{org}/runners/registration-token': { post: { responses: ok } },
        '/requests/{id}': { post: { operationId: 'reviewRequest', responses: ok } },
        '/orders/{id}': { get: { responses: ok }, patch: { responses: ok } },
      },
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'k' } } },
    }),
    expect: 0,
  },
]);
