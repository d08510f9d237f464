import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

const check = 'api4-unbounded-page-size';

describeCheckOnBank(check, [
  { flaw: 'api4-unbounded-limit', matches: findingAt(check, 'GET', '/transactions') },
  { flaw: 'api4-unbounded-export', matches: findingAt(check, 'GET', '/accounts/{accountId}/statement.csv') },
]);
