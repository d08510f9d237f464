import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api2-user-enumeration', [
  {
    flaw: 'api2-user-enumeration',
    matches: findingAt('api2-user-enumeration', 'POST', /^\/auth\/(login|password-reset)$/),
  },
]);
