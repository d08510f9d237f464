import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('injection-command', [
  { flaw: 'injection-command-ping', matches: findingAt('injection-command', 'POST', '/diagnostics/ping') },
]);
