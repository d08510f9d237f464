import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('injection-template', [
  {
    flaw: 'injection-template-greeting',
    matches: findingAt('injection-template', 'GET', '/users/me/greeting'),
  },
]);
