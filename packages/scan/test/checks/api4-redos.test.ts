import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api4-redos', [
  { flaw: 'api4-regex-search-redos', matches: findingAt('api4-redos', 'GET', '/transactions/search') },
]);
