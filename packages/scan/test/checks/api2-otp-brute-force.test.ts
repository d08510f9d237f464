import { isAtLeast } from '@rampart/core';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api2-otp-brute-force', [
  {
    flaw: 'api2-otp-no-attempt-limit',
    matches: findingAt('api2-otp-brute-force', 'POST', '/auth/password-reset/confirm', (f) =>
      isAtLeast(f.severity, 'medium'),
    ),
  },
]);
