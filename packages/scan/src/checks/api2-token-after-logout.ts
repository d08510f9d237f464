import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import type { Credentials, IdentitySession } from '../identities/identity-session.js';
import { locateRequest } from '../locate-request.js';
import { measureSimilarity } from '../measure-similarity.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const LOGOUT = /log-?out|sign-?out|logoff/i;

/** Every credential value (header values and cookie values), to tell a fresh login from the held one. */
const credentialValues = (credentials: Credentials) => [
  ...Object.values(credentials.headers),
  ...Object.values(credentials.cookies),
];

/** What kind of credential a login gives, for the message. */
function describeCredential(credentials: Credentials): string {
  if (credentials.jwt !== undefined) return 'JWT';
  if (Object.keys(credentials.cookies).length > 0)
    return `session cookie ${Object.keys(credentials.cookies).join(', ')}`;
  return 'token';
}

/** The first identity with a login flow and a passed preflight, users before admins. */
function chooseSession(
  ctx: CheckContext,
):
  | { session: IdentitySession; request: ScanRequest; baseline: ScanResponse; anonymous: ScanResponse }
  | undefined {
  for (const session of [...ctx.users, ...ctx.admins]) {
    if (!session.canLogin) continue;
    const preflight = ctx.preflight.find((p) => p.identity === session.name);
    if (preflight === undefined) continue;
    return {
      session,
      request: preflight.request,
      baseline: preflight.response,
      anonymous: preflight.anonymousResponse,
    };
  }
  return undefined;
}

export const api2TokenAfterLogout = defineCheck({
  id: 'api2-token-after-logout',
  title: 'Token still valid after logout',
  severity: 'medium',
  owasp: 'API2',
  cwe: 613,
  description:
    "Fresh credentials (a JWT, an opaque token or a session cookie) are obtained through the identity's login " +
    "flow (the session's own are never spent), shown to work on the preflight request, used to log out, and " +
    'sent again. Needs a login flow that gives new credentials on each login, a logout operation, and a scan ' +
    'that is not read-only.',
  remediation:
    'Invalidate the session or token at logout on the server (delete the session; a deny-list of jti until exp, ' +
    'or short-lived access tokens with revocable refresh tokens) and check it on every request.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const logout = ctx.model.operations.find(
      (op) => op.method === 'post' && LOGOUT.test(`${op.path} ${op.operationId ?? ''}`),
    );
    const chosen = chooseSession(ctx);
    if (logout === undefined || chosen === undefined) return;
    const { session, request: probe, baseline, anonymous } = chosen;
    const request = ctx.buildRequest(logout);
    if (request === undefined) return;
    const held = credentialValues(await session.credentials());
    let fresh: Credentials;
    try {
      fresh = await session.login();
    } catch {
      return; // A second login refused (rate limit, lockout): nothing can be tested without spending the session's own credentials.
    }
    // A login that hands out the credentials already held: logging out with them would end the session's own.
    const values = credentialValues(fresh);
    if (values.length === 0 || values.every((value) => held.includes(value))) return;
    const send = () => session.sendWith(probe, fresh);
    const accepted = (response: ScanResponse) =>
      response.status >= 200 &&
      response.status < 300 &&
      measureSimilarity(response.body, baseline.body) >= 0.9 &&
      !(anonymous.status === response.status && anonymous.body === response.body);
    const before = await send();
    if (!accepted(before)) return;
    const loggedOut = await session.sendWith(request, fresh);
    if (loggedOut.status < 200 || loggedOut.status >= 300) return;
    const after = await send();
    if (!accepted(after)) return;
    const kind = describeCredential(fresh);
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, request),
      message: `a ${kind} of ${session.name} still works after ${logout.method.toUpperCase()} ${logout.path} answered ${loggedOut.status}`,
      summary: `after logout the same ${kind} got ${after.status} from ${probe.method} ${new URL(probe.url).pathname}, as before`,
      oracle: 'token-accepted-after-logout',
      confidence: 'certain',
      responses: [before, loggedOut, after],
      tags: ['session'],
      confirm: async () => accepted(await send()),
    });
  },
});
