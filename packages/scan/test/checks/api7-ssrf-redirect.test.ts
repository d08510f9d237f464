import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api7-ssrf-redirect', [
  {
    flaw: 'api7-import-redirect-followed',
    matches: findingAt('api7-ssrf-redirect', 'POST', '/transactions/import'),
  },
]);
