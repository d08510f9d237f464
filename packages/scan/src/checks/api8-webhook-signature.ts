import { defineCheck } from '../define-check.js';
import { describePoint } from '../injection/describe-point.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { listUrlTargets } from '../ssrf/list-url-targets.js';
import { sendUrlProbe } from '../ssrf/send-url-probe.js';

const SUBSCRIPTION = /webhook|callback|subscri|notif|hook/i;
/** Headers that carry a delivery's proof of origin (HMAC signatures, bearer or basic credentials). */
const SIGNATURE_HEADER = /signature|^x-hub-|^webhook-|^authorization$|^x-.*-token$|^x-.*-hmac/i;

export const api8WebhookSignature = defineCheck({
  id: 'api8-webhook-signature',
  title: 'Webhook deliveries are not signed',
  severity: 'medium',
  owasp: 'API8',
  cwe: 345,
  maxRequests: 40,
  description:
    "A webhook (or callback) subscription is registered on the canary's upstream origin (the partner a user " +
    'points the API at, so an allow-list accepts it), its events are triggered, and the delivery the canary ' +
    'receives is inspected: without a signature header (X-…-Signature, Webhook-Signature, X-Hub-Signature) or ' +
    'credentials, a receiver cannot tell a genuine delivery from a forged one.',
  remediation:
    'Sign every delivery (an HMAC of the raw body and a timestamp with a per-subscription secret, sent in a ' +
    'header such as Webhook-Signature) and document how receivers verify it (Standard Webhooks).',
  async run(ctx) {
    const canary = ctx.canary;
    if (canary === undefined || ctx.options.readOnly) return;
    const session = selectInjectionSession(ctx);
    for (const target of listUrlTargets(ctx, session)) {
      const { operation } = target;
      if (
        operation.method === 'get' ||
        !SUBSCRIPTION.test(`${operation.path} ${operation.operationId ?? ''}`)
      )
        continue;
      for (const point of target.points) {
        const deliver = async () => {
          const token = canary.token(`wh${point.name}`);
          return sendUrlProbe(ctx, session, target, point, canary.upstreamFor(token), token);
        };
        const result = await deliver();
        const hit = result?.hit;
        if (result === undefined || hit === undefined || result.triggers.length === 0) continue;
        const signed = Object.keys(hit.headers).filter((h) => SIGNATURE_HEADER.test(h));
        if (signed.length > 0) return;
        await ctx.report({
          operation,
          message: `deliveries to the URL registered through ${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path} carry no signature: ${hit.method} ${hit.url} came with headers ${Object.keys(hit.headers).join(', ')}`,
          summary: `the canary received the delivery without a signature or credential header`,
          oracle: 'unsigned-webhook-delivery',
          confidence: 'certain',
          snippet: Object.keys(hit.headers).join(', '),
          responses: [result.response, ...result.triggers],
          tags: ['webhook', 'integrity'],
          confirm: async () => {
            const again = await deliver();
            return (
              again?.hit !== undefined &&
              !Object.keys(again.hit.headers).some((h) => SIGNATURE_HEADER.test(h))
            );
          },
        });
        return;
      }
    }
  },
});
