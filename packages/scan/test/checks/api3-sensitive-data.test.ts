import { isAtLeast } from '@rampart/core';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

const serious = (f: { severity: Parameters<typeof isAtLeast>[0] }) => isAtLeast(f.severity, 'medium');

describeCheckOnBank('api3-sensitive-data', [
  {
    flaw: 'api3-password-hash-exposed',
    matches: findingAt('api3-sensitive-data', 'GET', '/users/me', serious),
  },
  {
    flaw: 'api3-payee-lookup-pii',
    matches: findingAt('api3-sensitive-data', 'GET', '/payees/lookup', serious),
  },
]);
