import type { JsonSchema, Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { buildPooledInput, toRequestInput } from '../explore/build-pooled-input.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

/** One-time benefits: redeeming twice must fail. */
const ONE_TIME = /redeem|coupon|voucher|promo|gift|referr|invite|bonus|reward|claim/i;
/** Flows that move value or create accounts: automation must be noticed. */
const SENSITIVE =
  /checkout|transfer|payment|\bpay\b|withdraw|payout|purchase|order|redeem|coupon|voucher|referr|signup|sign-up|register|invite|booking|reserve/i;
const MONEY = /transfer|payment|\bpay\b|withdraw|payout|wire|send/i;
const STEP_UP_FIELD =
  /^(otp|mfa|2fa|totp|mfacode|otpcode|verificationcode|stepup|stepupcode|challenge|confirmationcode|securitycode)$/i;
const AMOUNT_FIELD = /^(amount|value|sum|total)$/i;
const CHALLENGE = /captcha|challenge|step[-_ ]?up|verify|otp|too many|rate limit/i;
const REPEATS = 10;
const stopped = (r: ScanResponse) =>
  r.status === 429 || r.headers['retry-after'] !== undefined || (!isSuccess(r) && CHALLENGE.test(r.body));

// Path, operationId and tags name the flow; summaries mention flows in passing ("a payment terminal's host").
const text = (op: Operation) => `${op.path} ${op.operationId ?? ''} ${op.tags.join(' ')}`;
const properties = (op: Operation) =>
  (findJsonBodySchema(op)?.['properties'] ?? {}) as Record<string, JsonSchema>;

export const api6BusinessFlows = defineCheck({
  id: 'api6-business-flows',
  title: 'Sensitive business flow without abuse protection',
  severity: 'high',
  owasp: 'API6',
  cwe: 837,
  maxRequests: 120,
  description:
    'Business flows are recognised by words in the path, operationId and tags (redeem, coupon, ' +
    'referral, invite, transfer, checkout, signup, …) and exercised with values from the value pool (and seed ' +
    'values such as a coupon code). One-time benefits are redeemed twice: two 2xx answers (and a third on ' +
    'confirmation) are a finding. A money-moving flow whose body offers a second factor (otp, mfa code) is ' +
    'sent a large amount without it: a 2xx is a finding. Each sensitive flow is repeated up to 10 times in a ' +
    'row: no 429, Retry-After, CAPTCHA or step-up challenge is reported at low severity (nothing noticed the ' +
    'automation). Not run in a read-only scan; the flows change state (small amounts, own accounts).',
  remediation:
    'Make one-time benefits idempotent per customer (a unique constraint, not a check-then-act), require a ' +
    'second factor for high-value operations server-side, and rate-limit or challenge (CAPTCHA, device ' +
    'fingerprint) flows that bots abuse.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const session = ctx.users[0];
    if (session === undefined) return;
    const flows = ctx.model.operations.filter(
      (op) =>
        op.method === 'post' &&
        !op.isWebhook &&
        !looksAdminOnly(op) &&
        SENSITIVE.test(text(op)) &&
        findJsonBodySchema(op) !== undefined,
    );
    for (const operation of flows) {
      const input = buildPooledInput(operation, ctx.values, session.name);
      const request = input && ctx.buildRequest(operation, toRequestInput(input));
      if (input === undefined || request === undefined) continue;
      if (ONE_TIME.test(text(operation)) && (await probeTwice(ctx, session, operation, request))) continue;
      if (MONEY.test(text(operation)) && (await probeStepUp(ctx, session, operation, input.body ?? {})))
        continue;
      await probeRepeat(ctx, session, operation, request);
    }
  },
});

async function probeTwice(
  ctx: CheckContext,
  session: IdentitySession,
  operation: Operation,
  request: ScanRequest,
): Promise<boolean> {
  const first = await session.send(request);
  if (!isSuccess(first)) return false;
  const second = await session.send(request);
  if (!isSuccess(second)) return false;
  return ctx.report({
    operation,
    message: `${session.name} redeemed the same one-time benefit twice through POST ${operation.path}: both answered ${second.status}`,
    summary: `the same request (${request.body ?? ''}) answered ${first.status} and again ${second.status}; a one-time benefit must be refused the second time`,
    oracle: 'one-time-benefit-redeemed-twice',
    confidence: 'certain',
    snippet: request.body ?? '',
    responses: [first, second],
    tags: ['business-flow', 'replay'],
    confirm: async () => isSuccess(await session.send(request)),
  });
}

async function probeStepUp(
  ctx: CheckContext,
  session: IdentitySession,
  operation: Operation,
  body: Record<string, unknown>,
): Promise<boolean> {
  const fields = Object.keys(properties(operation));
  const stepUp = fields.find((f) => STEP_UP_FIELD.test(f.replace(/[^a-z0-9]/gi, '')));
  const amount = fields.find((f) => AMOUNT_FIELD.test(f));
  if (stepUp === undefined || amount === undefined) return false;
  // Large: five times the biggest threshold-looking number in the description (default 1000), within half of
  // the identity's largest balance seen.
  const mentioned =
    `${operation.summary ?? ''} ${operation.description ?? ''}`.match(/\b\d{3,7}\b/g)?.map(Number) ?? [];
  const balances = ctx.values.valuesFor('balance', session.name).map(Number).filter(Number.isFinite);
  let value = Math.max(1000, ...mentioned) * 5;
  const richest = Math.max(0, ...balances);
  if (richest > 0) value = Math.min(value, Math.floor(richest / 2));
  const { [stepUp]: _omitted, ...rest } = body;
  const request = ctx.buildRequest(operation, { body: { ...rest, [amount]: value } });
  if (request === undefined) return false;
  const response = await session.send(request);
  if (!isSuccess(response)) return false;
  return ctx.report({
    operation,
    message: `POST ${operation.path} moved ${value} without the second factor its body offers (${stepUp}): answered ${response.status} with only ${session.name}'s token`,
    summary: `a large ${amount} (${value}) without ${stepUp} was accepted (${response.status}); high-value operations need step-up authentication`,
    oracle: 'high-value-without-step-up',
    confidence: 'firm',
    snippet: `${amount}: ${value}, no ${stepUp}`,
    responses: [response],
    tags: ['business-flow', 'step-up'],
    confirm: async () => isSuccess(await session.send(request)),
  });
}

async function probeRepeat(
  ctx: CheckContext,
  session: IdentitySession,
  operation: Operation,
  request: ScanRequest,
): Promise<void> {
  const responses: ScanResponse[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const response = await session.send(request);
    responses.push(response);
    if (!isSuccess(response) || stopped(response)) return;
  }
  await ctx.report({
    operation,
    message: `POST ${operation.path} ran ${REPEATS} times in a row for ${session.name} without any anti-automation response`,
    summary: `${REPEATS} identical requests within ${Math.round(responses.reduce((s, r) => s + r.durationMs, 0))} ms all answered ${responses[0]!.status}; no 429, Retry-After, CAPTCHA or step-up`,
    oracle: 'flow-repeated-unchallenged',
    confidence: 'firm',
    severity: 'low',
    responses: [responses[0]!, responses.at(-1)!],
    tags: ['business-flow', 'automation'],
  });
}
