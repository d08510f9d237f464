import { defineRule } from '../../define-rule.js';
import { classifyBusinessFlow } from './classify-business-flow.js';
import { hasAntiAutomation } from './has-anti-automation.js';

export const businessFlowWithoutAntiAutomation = defineRule({
  id: 'business-flow-without-anti-automation',
  title: 'Sensitive business flow without documented anti-automation',
  severity: 'low',
  scope: 'operation',
  owasp: 'API6',
  cwe: 799,
  confidence: 'tentative',
  description:
    'The operation starts a business flow that is profitable to automate: checkout, purchase, order, payment, ' +
    'transfer, redeeming coupons or vouchers, voting, inviting, signing up, password reset, OTP, booking, ' +
    'referral, or posting comments and reviews. Nothing in the description says it is protected against ' +
    'automation (no 429 response, no RateLimit or Retry-After headers, no rate-limit extension, no CAPTCHA or ' +
    'proof-of-work input), so scalping, coupon brute-forcing, fake sign-ups, vote stuffing and spam are limited ' +
    'only by whatever the implementation happens to do.',
  remediation:
    'Limit the flow per user, device and IP (and per business key, e.g. per coupon) and document it: a 429 ' +
    'response with Retry-After, RateLimit headers, or an `x-rate-limit` extension; add a CAPTCHA or ' +
    'proof-of-work input where anonymous callers can start the flow.',
  check({ model, report }) {
    const hasSchemes = Object.keys(model.securitySchemes).length > 0;
    for (const operation of model.operations) {
      const flow = classifyBusinessFlow(operation, hasSchemes);
      if (flow === undefined || hasAntiAutomation(operation, model)) continue;
      report({
        message:
          `${operation.key} starts ${/^[aeiou]/.test(flow) ? 'an' : 'a'} ${flow} flow but documents no anti-automation (no 429, rate-limit ` +
          'headers, rate-limit extension or CAPTCHA input): limit and document it',
        pointer: operation.pointer,
        operation,
        snippet: flow,
      });
    }
  },
});
