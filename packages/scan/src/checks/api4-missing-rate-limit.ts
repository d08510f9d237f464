import { defineCheck } from '../define-check.js';
import { locateRequest } from '../locate-request.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const LIMIT_HEADERS = [
  'ratelimit',
  'ratelimit-limit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-rate-limit-limit',
  'retry-after',
];
const CONFIRM_BURST = 10;

const limited = (r: ScanResponse) =>
  r.status === 429 || LIMIT_HEADERS.some((h) => r.headers[h] !== undefined);

export const api4MissingRateLimit = defineCheck({
  id: 'api4-missing-rate-limit',
  title: 'No rate limit on the API',
  severity: 'medium',
  owasp: 'API4',
  cwe: 770,
  maxRequests: 80,
  description:
    "A bounded burst (at most 60 requests, at the scan's request-rate cap) of the preflight operation is sent " +
    'as one identity. No 429 and no RateLimit/Retry-After headers across the burst, and again in a short ' +
    'confirmation burst, means nothing limits a client.',
  remediation:
    'Limit requests per client (token, key or address) at the gateway, answer 429 with Retry-After, and ' +
    'advertise the policy with RateLimit headers (IETF RateLimit header fields draft).',
  async run(ctx) {
    const preflight = ctx.preflight[0];
    const session = preflight ? ctx.identities.find((s) => s.name === preflight.identity) : ctx.anonymous;
    const request = preflight?.request ?? { method: 'GET', url: `${ctx.target}/` };
    if (session === undefined) return;
    const burst = async (size: number) => {
      const responses: ScanResponse[] = [];
      for (let i = 0; i < size; i++) {
        const response = await session.send(request);
        responses.push(response);
        if (limited(response) || response.status >= 500) break;
      }
      return responses;
    };
    const responses = await burst(ctx.options.burstSize);
    if (responses.length < ctx.options.burstSize || responses.some((r) => limited(r) || r.status >= 300))
      return;
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, request),
      message: `${responses.length} requests in a burst as ${session.name} all answered ${responses[0]!.status}; none was limited and no rate-limit headers were sent`,
      summary: `${responses.length} consecutive requests, no 429, no RateLimit or Retry-After header`,
      oracle: 'burst-without-429',
      confidence: 'firm',
      responses: [responses[0]!, responses.at(-1)!],
      tags: ['rate-limit'],
      confirm: async () => {
        const again = await burst(CONFIRM_BURST);
        return again.length === CONFIRM_BURST && !again.some((r) => limited(r) || r.status >= 300);
      },
    });
  },
});
