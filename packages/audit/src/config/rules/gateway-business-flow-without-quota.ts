import type { Operation } from '@rampart/openapi';
import { classifyBusinessFlow } from '../../rules/api6/classify-business-flow.js';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readList, readObject, readStrings } from '../read-config-value.js';

/** Whether a configured reference (operationId or `METHOD /path`) names the operation. */
function names(ref: string, op: Operation): boolean {
  if (ref === op.operationId) return true;
  const space = ref.indexOf(' ');
  return space > 0 && `${ref.slice(0, space).toUpperCase()}${ref.slice(space)}` === op.key;
}

/** OWASP API6: flows that are profitable to automate need a per-identity quota, not just a rate limit. */
export const gatewayBusinessFlowWithoutQuota = defineGatewayConfigRule({
  id: 'gateway-business-flow-without-quota',
  title: 'Sensitive business flow without a quota',
  severity: 'medium',
  scope: 'document',
  owasp: 'API6',
  cwe: 799,
  confidence: 'firm',
  description:
    'The description has an operation that starts a business flow worth automating (transfers, payments, purchases, redeeming coupons or referrals, sign-ups, password resets, one-time codes, bookings, votes), and no rate-limit quota covers it. A general rate limit allows thousands of such calls a day: enough for coupon brute-forcing, scalping, spam or draining an account.',
  remediation:
    'Add a quota in `gateway.policies.rate-limit.quotas`, e.g. `{ name: transfers-per-day, operations: [createTransfer], limit: 20, periodSeconds: 86400 }`.',
  check({ config, model, report }) {
    if (!model) return;
    const rateLimit = readObject(readObject(config.policies)?.['rate-limit']);
    const refs = readList(rateLimit?.['quotas']).flatMap((q) => readStrings(readObject(q)?.['operations']));
    const hasSchemes = Object.keys(model.securitySchemes).length > 0;
    for (const op of model.operations) {
      const flow = classifyBusinessFlow(op, hasSchemes);
      if (flow === undefined || refs.some((ref) => names(ref, op))) continue;
      report({
        pointer:
          rateLimit?.['quotas'] !== undefined
            ? '/policies/rate-limit/quotas'
            : rateLimit
              ? '/policies/rate-limit'
              : '/policies',
        operation: op,
        snippet: flow,
        message: `${op.operationId ?? op.key} starts a ${flow} flow but no quota limits it per identity`,
      });
    }
  },
});
