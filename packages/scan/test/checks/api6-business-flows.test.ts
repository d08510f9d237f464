import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

const check = 'api6-business-flows';

describeCheckOnBank(check, [
  { flaw: 'api6-coupon-unlimited-redeem', matches: findingAt(check, 'POST', '/coupons/redeem') },
  { flaw: 'api6-referral-self-redeem', matches: findingAt(check, 'POST', '/referrals/redeem') },
  {
    flaw: 'api6-transfer-no-step-up',
    matches: findingAt(
      check,
      'POST',
      '/transfers',
      (f) => f.evidence?.oracle === 'high-value-without-step-up',
    ),
  },
]);
