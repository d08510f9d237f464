import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

const check = 'api10-upstream-timeout';
const oracle = (name: string) => (f: { evidence?: { oracle?: string } }) => f.evidence?.oracle === name;

describeCheckOnBank(check, [
  {
    flaw: 'api10-provider-no-timeout',
    matches: findingAt(check, 'GET', '/fx/rates', oracle('upstream-stall-waited')),
  },
]);
