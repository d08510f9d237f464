import { randomBytes, randomInt } from 'node:crypto';
import type { JsonSchema, Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { buildLoginRequest, findPasswordLogin } from '../find-password-login.js';
import { locateRequest } from '../locate-request.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

/** Requests of the burst that looks for the limit, per operation. */
const BURST = 25;
/** Requests with spoofed client addresses once the limit is reached, each between two plain controls. */
const SPOOF_TRIALS = 6;
/** The headers proxies write the client's address into; a limiter that reads them from a client is fooled. */
const ADDRESS_HEADERS = [
  'x-forwarded-for',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'forwarded',
] as const;
type AddressHeader = (typeof ADDRESS_HEADERS)[number];
const SPELLING: Readonly<Record<AddressHeader, string>> = {
  'x-forwarded-for': 'X-Forwarded-For',
  'x-real-ip': 'X-Real-IP',
  'x-client-ip': 'X-Client-IP',
  'true-client-ip': 'True-Client-IP',
  forwarded: 'Forwarded',
};
/** Documentation ranges (RFC 5737): never a real client. */
const DOC_RANGES = ['192.0.2', '198.51.100', '203.0.113'] as const;

const USERNAME = /^(username|user|login|email|e-?mail|account|phone)$/i;
const PASSWORD = /^(password|passwd|pass|pwd|secret|newpassword)$/i;
const CODE = /^(otp|code|pin|token|totp|verificationcode|otpcode|resetcode|onetimecode|smscode)$/i;
const RESET = /reset|forgot|recover/i;
const SIGN_UP = /register|sign-?up/i;

type Kind = 'login' | 'password reset' | 'one-time code' | 'sign-up' | 'preflight';
const HIGH: ReadonlySet<Kind> = new Set(['login', 'password reset', 'one-time code']);

interface Candidate {
  readonly kind: Kind;
  readonly session: IdentitySession;
  readonly request: ScanRequest;
}

const key = (name: string) => name.replace(/[^a-z0-9]/gi, '');
const props = (op: Operation) => (findJsonBodySchema(op)?.['properties'] ?? {}) as Record<string, JsonSchema>;
const header = (r: ScanResponse, name: string) => r.headers[name]?.trim();

/** The limit has been reached (or is about to be): a refusal, Retry-After, or a remaining allowance of 0. */
const exhausted = (r: ScanResponse) =>
  refused(r) ||
  header(r, 'retry-after') !== undefined ||
  header(r, 'ratelimit-remaining') === '0' ||
  header(r, 'x-ratelimit-remaining') === '0' ||
  /(?:^|[;,\s])r=0(?:\D|$)/.test(header(r, 'ratelimit') ?? '');
/** The request was refused by a limiter. */
const refused = (r: ScanResponse) =>
  r.status === 429 || (r.status === 503 && header(r, 'retry-after') !== undefined);

/**
 * The operations most likely to be limited, in order: the password login, a password reset, a one-time-code
 * check and a sign-up (each found as the API2 checks find them, sent anonymously with made-up names so no
 * account is locked, texted or created), then the preflight operation as its identity.
 */
function findCandidates(ctx: CheckContext): Candidate[] {
  const candidates: Candidate[] = [];
  const nobody = `rampart-nobody-${randomBytes(4).toString('hex')}`;
  const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
  const anonymous = ctx.anonymous;
  const login = [...ctx.users, ...ctx.admins]
    .map((s) => findPasswordLogin(s, ctx.model, ctx.target))
    .find(Boolean);
  const used = new Set<Operation>();
  if (!ctx.options.readOnly) {
    if (login !== undefined) {
      if (login.operation) used.add(login.operation);
      candidates.push({
        kind: 'login',
        session: anonymous,
        request: buildLoginRequest(login, ctx.target, login.body(nobody, wrong)),
      });
    }
    const kinds: Array<[Exclude<Kind, 'login' | 'preflight'>, (op: Operation, fields: string[]) => boolean]> =
      [
        [
          'password reset',
          (op, fields) =>
            RESET.test(`${op.path} ${op.operationId ?? ''}`) &&
            fields.some((f) => USERNAME.test(key(f))) &&
            !fields.some((f) => CODE.test(key(f))),
        ],
        [
          'one-time code',
          (_op, fields) => fields.some((f) => CODE.test(key(f))) && fields.some((f) => USERNAME.test(key(f))),
        ],
        ['sign-up', (op, fields) => SIGN_UP.test(`${op.path} ${op.operationId ?? ''}`) && fields.length > 0],
      ];
    for (const [kind, matches] of kinds) {
      const operation = ctx.model.operations.find(
        (op) => op.method === 'post' && !op.isWebhook && !used.has(op) && matches(op, Object.keys(props(op))),
      );
      if (operation === undefined) continue;
      used.add(operation);
      // A made-up user, a wrong code and a one-character password: answered by the application (or the
      // limiter) without an account being found, texted or created.
      const body: Record<string, unknown> = {};
      for (const field of Object.keys(props(operation))) {
        if (USERNAME.test(key(field)))
          body[field] = /mail/i.test(field) ? `${nobody}@example.invalid` : nobody;
        else if (CODE.test(key(field))) body[field] = '000000';
        else if (PASSWORD.test(key(field))) body[field] = 'x';
      }
      const request = ctx.buildRequest(operation, { body });
      if (request !== undefined) candidates.push({ kind, session: anonymous, request });
    }
  }
  const preflight = ctx.preflight[0];
  const session = preflight && ctx.identities.find((s) => s.name === preflight.identity);
  if (preflight !== undefined && session !== undefined)
    candidates.push({ kind: 'preflight', session, request: preflight.request });
  return candidates;
}

/** A fresh address from the documentation ranges, never one used before in this scan. */
function spoofedAddress(used: Set<string>): string {
  for (;;) {
    const address = `${DOC_RANGES[randomInt(DOC_RANGES.length)]}.${randomInt(1, 255)}`;
    if (!used.has(address)) {
      used.add(address);
      return address;
    }
  }
}

function addressHeaders(names: readonly AddressHeader[], address: string): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, name === 'forwarded' ? `for=${address}` : address]));
}

export const api4RateLimitBypass = defineCheck({
  id: 'api4-rate-limit-bypass',
  title: 'Rate limit bypassed with a spoofed client-address header',
  severity: 'medium',
  owasp: 'API4',
  cwe: 348,
  maxRequests: 260,
  description:
    'The operations most likely to be limited (password login, password reset, one-time-code check and sign-up, ' +
    'sent anonymously with a made-up user; then the preflight operation as its identity) each get a burst of at ' +
    'most 25 requests that stops at the first 429, Retry-After or RateLimit-Remaining: 0. Once limited, up to 6 ' +
    'requests carrying X-Forwarded-For, X-Real-IP, X-Client-IP, True-Client-IP and Forwarded with a fresh ' +
    'documentation-range address (RFC 5737) are sent, each between two plain requests. A spoofed request ' +
    'answered normally while the plain ones around it are still refused means the limiter keys on a header the ' +
    'client controls; each header is then tried alone to name it. High on login, reset and one-time-code ' +
    'operations (online guessing, SMS pumping), medium elsewhere. A target that does limit stays limited for ' +
    'its window afterwards: the check runs last for that reason.',
  remediation:
    'Key rate limits on the connection address, or on a client-address header only as written by your own ' +
    'proxies (take the address the last trusted proxy appended, and strip the header at the edge), and on the ' +
    'account or token as well; answer 429 with Retry-After.',
  async run(ctx) {
    const usedAddresses = new Set<string>();
    for (const candidate of findCandidates(ctx)) {
      const { session, request } = candidate;
      const send = (headers: Record<string, string> = {}) =>
        session.send({ ...request, headers: { ...request.headers, ...headers } });

      const burst: ScanResponse[] = [];
      for (let i = 0; i < BURST; i++) {
        const response = await send();
        burst.push(response);
        if (exhausted(response) || response.status >= 500) break;
      }
      const last = burst.at(-1)!;
      if (!exhausted(last) || last.status >= 500) continue;
      // The application's own answer before the limit, when the burst saw one: a spoofed request must get it.
      const reference = burst.find((r) => !exhausted(r));
      const normal = (r: ScanResponse) =>
        !exhausted(r) &&
        r.status < 500 &&
        (reference === undefined ? r.status !== 403 : r.status === reference.status);

      /** Plain, spoofed, plain: the proof that `names` alone lifts a limit that still holds. */
      const trial = async (names: readonly AddressHeader[]) => {
        const before = await send();
        if (!refused(before)) return { proof: undefined, lifted: true };
        const spoofed = await send(addressHeaders(names, spoofedAddress(usedAddresses)));
        if (!normal(spoofed)) return { proof: undefined, lifted: false };
        const after = await send();
        if (!refused(after)) return { proof: undefined, lifted: true };
        return { proof: { control: after, spoofed }, lifted: false };
      };

      let proof: { control: ScanResponse; spoofed: ScanResponse } | undefined;
      for (let i = 0; i < SPOOF_TRIALS && proof === undefined; i++) {
        const outcome = await trial(ADDRESS_HEADERS);
        if (outcome.lifted) break; // the window ended: inconclusive
        proof = outcome.proof;
      }
      if (proof === undefined) continue;

      // Name the header: each alone, with a plain request after it (the trial's own "before" is the previous
      // one's "after").
      const culprits: AddressHeader[] = [];
      for (const name of ADDRESS_HEADERS) {
        const spoofed = await send(addressHeaders([name], spoofedAddress(usedAddresses)));
        if (!normal(spoofed)) continue;
        const after = await send();
        if (!refused(after)) break;
        culprits.push(name);
        proof = { control: after, spoofed };
      }
      const names = culprits.length > 0 ? culprits : ADDRESS_HEADERS;
      const shown = names.map((n) => SPELLING[n]);
      const where = locateRequest(ctx.model, ctx.target, request);
      const what = `${request.method} ${new URL(request.url).pathname}`;
      await ctx.report({
        ...where,
        message: `${what} (${candidate.kind}) is rate-limited per client address, but the limiter believes ${shown.join(', ')}: a request with a made-up address was answered ${proof.spoofed.status} while the same request without it was still refused ${proof.control.status}`,
        summary: `after ${burst.length} requests as ${session.name} the plain request answers ${proof.control.status}; with ${shown.join(', ')} set to a new documentation-range address it answers ${proof.spoofed.status}${culprits.length === 0 ? ' (only with every address header set together)' : ''}`,
        oracle: 'limit-bypassed-by-client-address-header',
        confidence: 'firm',
        severity: HIGH.has(candidate.kind) ? 'high' : 'medium',
        responses: [proof.control, proof.spoofed],
        tags: ['rate-limit', 'spoofing'],
        confirm: async () => (await trial(names)).proof !== undefined,
      });
    }
  },
});
