import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { paymentFlowWithoutIdempotencyKey } from './payment-flow-without-idempotency-key.js';

const ok = { '201': { description: 'created' } };

describeRule(paymentFlowWithoutIdempotencyKey, [
  {
    name: 'POST /payments with no idempotency key (3.0)',
    document: oas({ paths: { '/payments': { post: { responses: ok } } } }),
    expect: [{ message: /POST \/payments starts a payment flow without an idempotency key/ }],
  },
  {
    name: 'POST /orders (2.0)',
    document: yamlDoc(
      `
      paths:
        /orders:
          post: { responses: { '201': { description: created } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: Idempotency-Key header, or a body field',
    document: oas(
      {
        paths: {
          '/payments': {
            post: {
              parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
              responses: ok,
            },
          },
          '/transfers': {
            post: {
              requestBody: {
                content: {
                  'application/json': {
                    schema: { type: 'object', properties: { idempotencyKey: { type: 'string' } } },
                  },
                },
              },
              responses: ok,
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: a vote is not a money flow',
    document: oas({ paths: { '/votes': { post: { responses: ok } } } }),
    expect: 0,
  },
]);
