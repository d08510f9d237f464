import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { ALG_NONE_VARIANTS, encodeUnsignedJwt } from '../jwt/forge-jwt.js';
import { locateRequest } from '../locate-request.js';
import { selectJwtProbe } from '../select-jwt-probe.js';

export const api2JwtAlgNone = defineCheck({
  id: 'api2-jwt-alg-none',
  title: 'Unsigned JWT (alg "none") accepted',
  severity: 'critical',
  owasp: 'API2',
  cwe: 347,
  description:
    'The identity\'s own token is re-encoded with alg "none" in every casing (none, None, NONE, nOnE) and no ' +
    'signature, then sent to the preflight operation. Accepting it means anyone can forge any identity.',
  remediation:
    'Verify tokens with an explicit allow-list of algorithms (RFC 8725 section 3.1) and reject "none" in any ' +
    'casing; use a maintained library such as jose with the expected algorithm configured.',
  async run(ctx) {
    const probe = await selectJwtProbe(ctx);
    if (probe === undefined) return;
    for (const variant of ALG_NONE_VARIANTS) {
      const forged = encodeUnsignedJwt(probe.decoded.header, probe.decoded.payload, variant);
      const credentials = replaceJwt(probe.credentials, probe.jwt, forged);
      const response = await probe.send(credentials);
      if (!probe.accepted(response)) continue;
      await ctx.report({
        ...locateRequest(ctx.model, ctx.target, probe.request),
        message: `a token with alg "${variant}" and no signature, carrying ${probe.session.name}'s claims, was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname}`,
        summary: `the unsigned token got ${response.status} with the same body as ${probe.session.name}'s real token`,
        oracle: 'forged-token-accepted',
        confidence: 'certain',
        snippet: `header: {"alg":"${variant}"}`,
        responses: [probe.baseline, response],
        tags: ['jwt'],
        confirm: async () => probe.accepted(await probe.send(credentials)),
      });
      return;
    }
  },
});
