import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { operationWithoutId } from './operation-without-id.js';

const ok = { '200': { description: 'ok' } };

describeRule(operationWithoutId, [
  {
    name: 'two of three operations without id, one grouped finding (3.0)',
    document: oas({
      paths: {
        '/a': { get: { responses: ok }, post: { responses: ok } },
        '/b': { get: { operationId: 'b', responses: ok } },
      },
    }),
    expect: [{ message: /2 of 3 operation\(s\) have no operationId \(e\.g\. GET \/a\)/, operations: 2 }],
  },
  {
    name: 'Swagger 2.0',
    document: yamlDoc(
      `
      paths:
        /a: { get: { responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: every operation has an id (3.1)',
    document: oas({ paths: { '/a': { get: { operationId: 'a', responses: ok } } } }, '3.1'),
    expect: 0,
  },
]);
