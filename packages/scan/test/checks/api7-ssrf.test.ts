import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api7-ssrf', [
  { flaw: 'api7-import-url-ssrf', matches: findingAt('api7-ssrf', 'POST', '/transactions/import') },
  { flaw: 'api7-avatar-url-ssrf', matches: findingAt('api7-ssrf', 'PUT', '/users/me/avatar') },
  { flaw: 'api7-webhook-ssrf', matches: findingAt('api7-ssrf', 'POST', '/webhooks') },
]);
