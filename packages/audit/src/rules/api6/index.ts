import type { Rule } from '../../define-rule.js';
import { accountLookupWithoutAntiAutomation } from './account-lookup-without-anti-automation.js';
import { businessAmountWithoutMinimum } from './business-amount-without-minimum.js';
import { businessFlowWithoutAntiAutomation } from './business-flow-without-anti-automation.js';
import { paymentFlowWithoutIdempotencyKey } from './payment-flow-without-idempotency-key.js';

/** Rules for OWASP API6:2023, in a fixed order. */
export const api6Rules: readonly Rule[] = [
  businessFlowWithoutAntiAutomation,
  businessAmountWithoutMinimum,
  paymentFlowWithoutIdempotencyKey,
  accountLookupWithoutAntiAutomation,
];
