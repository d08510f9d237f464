import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { corruptSignature, stripSignature } from '../jwt/forge-jwt.js';
import { locateRequest } from '../locate-request.js';
import { selectJwtProbe } from '../select-jwt-probe.js';

export const api2JwtSignatureBypass = defineCheck({
  id: 'api2-jwt-signature-bypass',
  title: 'JWT signature not verified',
  severity: 'critical',
  owasp: 'API2',
  cwe: 347,
  description:
    "The identity's own token is sent with its signature removed and with a signature of the right length " +
    'that is certainly wrong. Accepting either means the signature is not checked.',
  remediation:
    'Verify the signature of every token before reading its claims (jose jwtVerify with the expected key and ' +
    'algorithms); never use a decode-only function for authentication.',
  async run(ctx) {
    const probe = await selectJwtProbe(ctx);
    if (probe === undefined) return;
    const variants = [
      { name: 'stripped signature', token: stripSignature(probe.jwt.token) },
      { name: 'invalid signature', token: corruptSignature(probe.jwt.token) },
    ];
    for (const variant of variants) {
      const credentials = replaceJwt(probe.credentials, probe.jwt, variant.token);
      const response = await probe.send(credentials);
      if (!probe.accepted(response)) continue;
      await ctx.report({
        ...locateRequest(ctx.model, ctx.target, probe.request),
        message: `${probe.session.name}'s token with a ${variant.name} was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname}`,
        summary: `the token with a ${variant.name} got ${response.status} with the same body as the real one`,
        oracle: 'forged-token-accepted',
        confidence: 'certain',
        snippet: variant.name,
        responses: [probe.baseline, response],
        tags: ['jwt'],
        confirm: async () => probe.accepted(await probe.send(credentials)),
      });
      return;
    }
  },
});
