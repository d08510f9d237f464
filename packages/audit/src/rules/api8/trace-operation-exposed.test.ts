import { describeRule, oas } from '../../test-rule.js';
import { traceOperationExposed } from './trace-operation-exposed.js';

const ok = { '200': { description: 'ok' } };

describeRule(traceOperationExposed, [
  {
    name: 'TRACE operation (3.0)',
    document: oas({ paths: { '/a': { trace: { responses: ok } } } }),
    expect: [{ message: /TRACE \/a is a TRACE operation/ }],
  },
  {
    name: 'TRACE operation (3.1)',
    document: oas({ paths: { '/a': { trace: { responses: ok } } } }, '3.1'),
    expect: 1,
  },
  {
    name: 'near miss: OPTIONS and GET',
    document: oas({ paths: { '/a': { options: { responses: ok }, get: { responses: ok } } } }),
    expect: 0,
  },
]);
