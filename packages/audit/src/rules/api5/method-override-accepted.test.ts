import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { methodOverrideAccepted } from './method-override-accepted.js';

const ok = { '200': { description: 'ok' } };

describeRule(methodOverrideAccepted, [
  {
    name: 'X-HTTP-Method-Override header (3.0)',
    document: oas({
      paths: {
        '/pets/{id}': {
          post: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'X-HTTP-Method-Override', in: 'header', schema: { type: 'string' } },
            ],
            responses: ok,
          },
        },
      },
    }),
    expect: [{ message: /accepts the method override header "X-HTTP-Method-Override"/ }],
  },
  {
    name: '_method query parameter (2.0)',
    document: yamlDoc(
      `
      paths:
        /pets:
          post:
            parameters: [{ name: _method, in: query, type: string }]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: a query parameter called method (a payment method, say)',
    document: oas({
      paths: {
        '/payments': {
          post: { parameters: [{ name: 'method', in: 'query', schema: { type: 'string' } }], responses: ok },
        },
      },
    }),
    expect: 0,
  },
]);
