import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { duplicateOperationId } from './duplicate-operation-id.js';

const ok = { '200': { description: 'ok' } };

describeRule(duplicateOperationId, [
  {
    name: 'two operations share getPet (3.0)',
    document: oas({
      paths: {
        '/pets/{id}': { get: { operationId: 'getPet', responses: ok } },
        '/pet/{id}': { get: { operationId: 'getPet', responses: ok } },
      },
    }),
    expect: [{ message: /operationId "getPet" is used by 2 operations/, operations: 2 }],
  },
  {
    name: 'duplicate in 2.0',
    document: yamlDoc(
      `
      paths:
        /a: { get: { operationId: x, responses: { '200': { description: ok } } } }
        /b: { post: { operationId: x, responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: unique ids (3.1)',
    document: oas(
      {
        paths: {
          '/a': { get: { operationId: 'a', responses: ok } },
          '/b': { get: { operationId: 'b', responses: ok } },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
