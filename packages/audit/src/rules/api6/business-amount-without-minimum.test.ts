import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { businessAmountWithoutMinimum } from './business-amount-without-minimum.js';

const body = (properties: Record<string, unknown>) => ({
  content: { 'application/json': { schema: { type: 'object', properties } } },
});
const ok = { '200': { description: 'ok' } };

describeRule(businessAmountWithoutMinimum, [
  {
    name: 'transfer amount without a minimum (3.0)',
    document: oas({
      paths: { '/transfers': { post: { requestBody: body({ amount: { type: 'number' } }), responses: ok } } },
    }),
    expect: [{ message: /request property "amount" has no minimum/ }],
  },
  {
    name: 'order quantity allows negatives, nested in array items (3.1)',
    document: oas(
      {
        paths: {
          '/orders': {
            post: {
              requestBody: body({
                lines: {
                  type: 'array',
                  items: { type: 'object', properties: { quantity: { type: 'integer', minimum: -10 } } },
                },
              }),
              responses: ok,
            },
          },
        },
      },
      '3.1',
    ),
    expect: [{ message: /"quantity" allows values down to -10/ }],
  },
  {
    name: 'Swagger 2.0 body parameter',
    document: yamlDoc(
      `
      paths:
        /payments:
          post:
            parameters:
              - in: body
                name: body
                schema: { type: object, properties: { amount: { type: integer } } }
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: bounded amount; amount outside a business flow; string amount',
    document: oas({
      paths: {
        '/transfers': {
          post: {
            requestBody: body({ amount: { type: 'number', minimum: 0.01 }, note: { type: 'string' } }),
            responses: ok,
          },
        },
        '/charts': { post: { requestBody: body({ total: { type: 'number' } }), responses: ok } },
        '/payments': {
          post: { requestBody: body({ amount: { type: 'string', pattern: '^[0-9]+$' } }), responses: ok },
        },
      },
    }),
    expect: 0,
  },
]);
