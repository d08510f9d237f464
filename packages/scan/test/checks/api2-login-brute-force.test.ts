import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api2-login-brute-force', [
  { flaw: 'api2-login-no-rate-limit', matches: findingAt('api2-login-brute-force', 'POST', '/auth/login') },
]);
