import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

describeCheckOnBank('api8-webhook-signature', [
  { flaw: 'api8-webhook-unsigned', matches: findingAt('api8-webhook-signature', 'POST', '/webhooks') },
]);
