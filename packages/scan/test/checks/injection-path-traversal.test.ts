import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('injection-path-traversal', [
  {
    flaw: 'injection-path-traversal',
    matches: findingAt('injection-path-traversal', 'GET', '/statements/download'),
  },
]);
