import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { stateChangingGetOperation } from './state-changing-get-operation.js';

const ok = { '200': { description: 'ok' } };

describeRule(stateChangingGetOperation, [
  {
    name: 'GET /orders/{id}/cancel and operationId deleteUser on GET (3.0)',
    document: oas({
      paths: {
        '/orders/{id}/cancel': { get: { responses: ok } },
        '/users/{id}': { get: { operationId: 'deleteUser', responses: ok } },
      },
    }),
    expect: [
      { message: /GET \/orders\/\{id\}\/cancel is named for the action "cancel"/ },
      { message: /"delete"/ },
    ],
  },
  {
    name: 'GET /setText (2.0)',
    document: yamlDoc(
      `
      paths:
        /setText:
          get: { responses: { '200': { description: ok } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: nouns that look like verbs (purchaseOrders, updates), POST actions (3.1)',
    document: oas(
      {
        paths: {
          '/data/purchaseOrders': { get: { responses: ok } },
          '/system/updates': { get: { responses: ok } },
          '/term-sets/{id}/set': { get: { responses: ok } },
          '/projects/{p}/checkout-key': { get: { responses: ok } },
          '/orders/{id}/cancel': { post: { responses: ok } },
          '/users/{id}': { get: { operationId: 'getUser', responses: ok } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
