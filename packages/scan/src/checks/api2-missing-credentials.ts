import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { measureSimilarity } from '../measure-similarity.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const MAX_OPERATIONS = 40;
const MALFORMED = ['Bearer rampart.invalid.token', 'Bearer ', 'Basic cmFtcGFydDpyYW1wYXJ0', 'rampart'];

const ok = (r: ScanResponse) => r.status >= 200 && r.status < 300;
const requiresAuth = (op: Operation) =>
  op.security.length > 0 && !op.security.some((requirement) => Object.keys(requirement).length === 0);

/** The request without the identity's credentials (Authorization, Cookie and its own header names). */
function withoutCredentials(request: ScanRequest, credentialHeaders: readonly string[]): ScanRequest {
  const drop = new Set(['authorization', 'cookie', ...credentialHeaders.map((h) => h.toLowerCase())]);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([n]) => !drop.has(n.toLowerCase())),
  );
  return { ...request, headers };
}

export const api2MissingCredentials = defineCheck({
  id: 'api2-missing-credentials',
  title: 'Secured operation works without valid credentials',
  severity: 'high',
  owasp: 'API2',
  cwe: 306,
  description:
    'Every secured GET that answered 2xx for an identity during exploration is replayed without credentials ' +
    'and with malformed ones (garbage bearer, empty bearer, wrong scheme). A 2xx with the same body means ' +
    'the operation does not enforce the authentication its description declares.',
  remediation:
    'Enforce authentication in one place before routing reaches the handler (a gateway or middleware that ' +
    'denies by default) and answer 401 for missing or malformed credentials.',
  async run(ctx: CheckContext) {
    const done = new Set<string>();
    for (const baseline of ctx.baselines) {
      if (done.size >= MAX_OPERATIONS) break;
      const { operation, response } = baseline;
      if (operation.method !== 'get' || !requiresAuth(operation) || !ok(response) || done.has(operation.key))
        continue;
      const session = ctx.identities.find((s) => s.name === baseline.identity);
      if (session === undefined || session.anonymous) continue;
      done.add(operation.key);
      const credentials = await session.credentials();
      const bare = withoutCredentials(response.request, Object.keys(credentials.headers));
      const judge = (r: ScanResponse) => ok(r) && measureSimilarity(r.body, response.body) >= 0.9;
      const anonymous = await ctx.anonymous.send(bare);
      if (judge(anonymous)) {
        await ctx.report({
          operation,
          message: `${operation.method.toUpperCase()} ${operation.path} declares security but answered ${anonymous.status} without credentials, with the body ${session.name} gets`,
          summary: `without credentials the operation answered ${anonymous.status} with the authenticated body`,
          oracle: 'no-credentials-same-response',
          confidence: 'certain',
          responses: [response, anonymous],
          tags: ['authentication'],
          confirm: async () => judge(await ctx.anonymous.send(bare)),
        });
        continue;
      }
      if (
        !(
          'authorization' in
          Object.fromEntries(Object.entries(credentials.headers).map(([k, v]) => [k.toLowerCase(), v]))
        )
      ) {
        continue;
      }
      for (const value of MALFORMED) {
        const malformed = { ...bare, headers: { ...bare.headers, authorization: value } };
        const answer = await ctx.transport.send(malformed);
        if (!judge(answer)) continue;
        await ctx.report({
          operation,
          message: `${operation.method.toUpperCase()} ${operation.path} accepted the malformed credential "${value.split(' ')[0]} …"`,
          summary: `a malformed Authorization header got ${answer.status} with the authenticated body`,
          oracle: 'malformed-credentials-same-response',
          confidence: 'certain',
          responses: [response, answer],
          tags: ['authentication'],
          confirm: async () => judge(await ctx.transport.send(malformed)),
        });
        break;
      }
    }
  },
});
