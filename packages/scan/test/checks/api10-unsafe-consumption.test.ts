import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

const check = 'api10-unsafe-consumption';
const oracle = (name: string) => (f: { evidence?: { oracle?: string } }) => f.evidence?.oracle === name;

describeCheckOnBank(check, [
  {
    flaw: 'api10-kyc-response-trusted',
    matches: findingAt(check, 'POST', '/kyc/verify', oracle('upstream-fields-merged')),
  },
  {
    flaw: 'api10-fx-rate-unvalidated',
    matches: findingAt(check, 'POST', '/fx/convert', oracle('upstream-value-used-unchecked')),
  },
  {
    flaw: 'api10-provider-no-size-limit',
    matches: findingAt(check, 'GET', '/fx/rates', oracle('oversized-upstream-accepted')),
  },
]);
