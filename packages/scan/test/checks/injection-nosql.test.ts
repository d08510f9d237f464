import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('injection-nosql', [
  { flaw: 'injection-nosql-login', matches: findingAt('injection-nosql', 'POST', '/auth/login') },
]);
