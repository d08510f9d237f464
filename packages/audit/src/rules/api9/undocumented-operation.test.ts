import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { undocumentedOperation } from './undocumented-operation.js';

const ok = { '200': { description: 'ok' } };

describeRule(undocumentedOperation, [
  {
    name: 'an operation with neither summary nor description (3.0)',
    document: oas({
      paths: { '/a': { get: { responses: ok } }, '/b': { get: { summary: 'B', responses: ok } } },
    }),
    expect: [{ message: /1 of 2 operation\(s\) have no summary or description \(e\.g\. GET \/a\)/ }],
  },
  {
    name: 'blank summary (2.0)',
    document: yamlDoc(
      `
      paths:
        /a: { get: { summary: ' ', responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: description alone is enough (3.1)',
    document: oas({ paths: { '/a': { get: { description: 'Lists a.', responses: ok } } } }, '3.1'),
    expect: 0,
  },
]);
