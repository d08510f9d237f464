import { randomBytes } from 'node:crypto';
import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import type { Credentials } from '../identities/identity-session.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const MAX_OPERATIONS = 40;
const MALFORMED = ['Bearer rampart.invalid.token', 'Bearer ', 'Basic cmFtcGFydDpyYW1wYXJ0', 'rampart'];

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

/** One wrong credential to try: a header (Authorization, Cookie or an API key header) and how to name it. */
interface MalformedAttempt {
  readonly header: string;
  readonly value: string;
  readonly label: string;
  readonly summary: string;
}

/** A random value shaped like `value` (same length; hex, or base64url when it has other characters). */
function randomLike(value: string): string {
  const length = Math.max(16, Math.min(value.length, 256));
  const hex = /^[0-9a-f]+$/i.test(value);
  const text = randomBytes(length).toString(hex ? 'hex' : 'base64url');
  return text.slice(0, length);
}

/**
 * The wrong credentials worth trying for what the identity sends: malformed bearer values when it uses
 * Authorization; its session cookies with random values of the same shape (a cookie of another identity would
 * be valid, so never that); each API key header with a random value.
 */
function malformedAttempts(credentials: Credentials): MalformedAttempt[] {
  const attempts: MalformedAttempt[] = [];
  const headers = Object.entries(credentials.headers);
  if (headers.some(([name]) => name.toLowerCase() === 'authorization')) {
    for (const value of MALFORMED) {
      attempts.push({
        header: 'authorization',
        value,
        label: `the malformed credential "${value.split(' ')[0]} …"`,
        summary: 'a malformed Authorization header',
      });
    }
  }
  const cookies = Object.entries(credentials.cookies);
  if (cookies.length > 0) {
    const names = cookies.map(([name]) => name).join(', ');
    attempts.push({
      header: 'cookie',
      value: cookies.map(([name, value]) => `${name}=${randomLike(value)}`).join('; '),
      label: `a session cookie ${names} with a random value`,
      summary: `cookie ${names} with a random value`,
    });
  }
  for (const [name, value] of headers) {
    if (name.toLowerCase() === 'authorization' || name.toLowerCase() === 'cookie') continue;
    attempts.push({
      header: name,
      value: randomLike(value),
      label: `a random value in its API key header ${name}`,
      summary: `header ${name} with a random value`,
    });
  }
  return attempts;
}

export const api2MissingCredentials = defineCheck({
  id: 'api2-missing-credentials',
  title: 'Secured operation works without valid credentials',
  severity: 'high',
  owasp: 'API2',
  cwe: 306,
  description:
    'Every secured GET that answered 2xx for an identity during exploration is replayed without credentials ' +
    'and with wrong ones of the kind the identity uses (garbage, empty or wrong-scheme Authorization; its ' +
    'session cookies or API key headers with random values). A 2xx with the same body means ' +
    'the operation does not enforce the authentication its description declares.',
  remediation:
    'Enforce authentication in one place before routing reaches the handler (a gateway or middleware that ' +
    'denies by default) and answer 401 for missing or malformed credentials.',
  async run(ctx: CheckContext) {
    const done = new Set<string>();
    for (const baseline of ctx.baselines) {
      if (done.size >= MAX_OPERATIONS) break;
      const { operation, response } = baseline;
      if (
        operation.method !== 'get' ||
        !requiresAuth(operation) ||
        !isSuccess(response) ||
        done.has(operation.key)
      )
        continue;
      const session = ctx.identities.find((s) => s.name === baseline.identity);
      if (session === undefined || session.anonymous) continue;
      done.add(operation.key);
      const credentials = await session.credentials();
      const bare = withoutCredentials(response.request, Object.keys(credentials.headers));
      const judge = (r: ScanResponse) => isSuccess(r) && measureSimilarity(r.body, response.body) >= 0.9;
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
      for (const attempt of malformedAttempts(credentials)) {
        const malformed = {
          ...bare,
          headers: { ...bare.headers, [attempt.header]: attempt.value },
        };
        const answer = await ctx.transport.send(malformed);
        if (!judge(answer)) continue;
        await ctx.report({
          operation,
          message: `${operation.method.toUpperCase()} ${operation.path} accepted ${attempt.label}`,
          summary: `${attempt.summary} got ${answer.status} with the authenticated body`,
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
