import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api3-mass-assignment', [
  { flaw: 'api3-mass-assignment-role', matches: findingAt('api3-mass-assignment', 'PATCH', '/users/me') },
  {
    flaw: 'api3-mass-assignment-balance',
    matches: findingAt('api3-mass-assignment', 'PATCH', '/accounts/{accountId}'),
  },
]);
