import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { crackJwtSecret } from '../jwt/crack-jwt-secret.js';
import { encodeHmacJwt } from '../jwt/forge-jwt.js';
import { locateRequest } from '../locate-request.js';
import { selectJwtProbe } from '../select-jwt-probe.js';

export const api2JwtExpiredAccepted = defineCheck({
  id: 'api2-jwt-expired-accepted',
  title: 'Expired JWT accepted',
  severity: 'high',
  owasp: 'API2',
  cwe: 613,
  description:
    "An expired token is sent to the preflight operation: the identity's own token when its exp has already " +
    'passed, or, when the HMAC secret could be cracked offline, the same claims re-signed with exp an hour in ' +
    'the past. Without either, the check cannot make an expired token and reports nothing.',
  remediation:
    'Reject tokens whose exp is in the past (RFC 7519 section 4.1.4), allowing at most a small clock skew.',
  async run(ctx) {
    const probe = await selectJwtProbe(ctx);
    if (probe === undefined) return;
    const now = Math.floor(Date.now() / 1000);
    const exp = probe.decoded.payload['exp'];
    let token: string | undefined;
    let how = '';
    if (typeof exp === 'number' && exp < now) {
      token = probe.jwt.token;
      how = `its own token, expired since ${new Date(exp * 1000).toISOString()}`;
    } else {
      const secret = crackJwtSecret(probe.jwt.token);
      if (secret === undefined) return;
      token = encodeHmacJwt(
        probe.decoded.header,
        { ...probe.decoded.payload, iat: now - 7200, exp: now - 3600 },
        secret,
      );
      how = 'its claims re-signed (with the cracked secret) with exp one hour in the past';
    }
    const credentials = replaceJwt(probe.credentials, probe.jwt, token);
    const response = await probe.send(credentials);
    if (!probe.accepted(response)) return;
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, probe.request),
      message: `an expired token of ${probe.session.name} (${how}) was accepted`,
      summary: `the expired token got ${response.status} with the same body as a valid one`,
      oracle: 'expired-token-accepted',
      confidence: 'certain',
      responses: [probe.baseline, response],
      tags: ['jwt'],
      confirm: async () => probe.accepted(await probe.send(credentials)),
    });
  },
});
