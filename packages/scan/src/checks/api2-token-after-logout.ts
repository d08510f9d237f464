import { defineCheck } from '../define-check.js';
import { locateRequest } from '../locate-request.js';
import { selectJwtProbe } from '../select-jwt-probe.js';

const LOGOUT = /log-?out|sign-?out|logoff/i;

export const api2TokenAfterLogout = defineCheck({
  id: 'api2-token-after-logout',
  title: 'Token still valid after logout',
  severity: 'medium',
  owasp: 'API2',
  cwe: 613,
  description:
    "A fresh token is obtained through the identity's login flow (the session's own token is never spent), " +
    'shown to work, used to log out, and sent again. Needs a login flow, a logout operation, and a scan that ' +
    'is not read-only.',
  remediation:
    'Revoke the token at logout (a deny-list of jti until exp, or short-lived access tokens with revocable ' +
    'refresh tokens) and check revocation on every request.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const logout = ctx.model.operations.find(
      (op) => op.method === 'post' && LOGOUT.test(`${op.path} ${op.operationId ?? ''}`),
    );
    const probe = await selectJwtProbe(ctx);
    if (logout === undefined || probe === undefined || !probe.session.canLogin) return;
    const request = ctx.buildRequest(logout);
    if (request === undefined) return;
    const fresh = await probe.session.login();
    const before = await probe.send(fresh);
    if (!probe.accepted(before)) return;
    const loggedOut = await probe.session.sendWith(request, fresh);
    if (loggedOut.status < 200 || loggedOut.status >= 300) return;
    const after = await probe.send(fresh);
    if (!probe.accepted(after)) return;
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, request),
      message: `a token of ${probe.session.name} still works after ${logout.method.toUpperCase()} ${logout.path} answered ${loggedOut.status}`,
      summary: `after logout the same token got ${after.status} from ${probe.request.method} ${new URL(probe.request.url).pathname}, as before`,
      oracle: 'token-accepted-after-logout',
      confidence: 'certain',
      responses: [before, loggedOut, after],
      tags: ['session'],
      confirm: async () => probe.accepted(await probe.send(fresh)),
    });
  },
});
