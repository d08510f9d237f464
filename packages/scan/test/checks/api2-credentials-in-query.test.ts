import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api2-credentials-in-query', [
  { flaw: 'api2-api-key-in-query', matches: findingAt('api2-credentials-in-query', 'GET', '/admin/users') },
]);
