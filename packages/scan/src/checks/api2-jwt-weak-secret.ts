import { randomUUID } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { crackJwtSecret } from '../jwt/crack-jwt-secret.js';
import { encodeHmacJwt } from '../jwt/forge-jwt.js';
import { maskSecret } from '../jwt/mask-secret.js';
import { locateRequest } from '../locate-request.js';
import { selectJwtProbe } from '../select-jwt-probe.js';

export const api2JwtWeakSecret = defineCheck({
  id: 'api2-jwt-weak-secret',
  title: 'JWT signed with a guessable HMAC secret',
  severity: 'critical',
  owasp: 'API2',
  cwe: 521,
  description:
    "The HMAC secret of the identity's token is cracked offline against a bundled list of about 1,000 " +
    'secrets found in real deployments (no request is sent for that). When one matches, a fresh token is ' +
    'signed with it and sent to prove the API accepts forged tokens.',
  remediation:
    'Sign tokens with a random key of at least 256 bits from a secret store (RFC 7518 section 3.2), rotate ' +
    'the cracked key now, and prefer asymmetric keys (ES256/EdDSA) when several services verify tokens.',
  async run(ctx) {
    const probe = await selectJwtProbe(ctx);
    if (probe === undefined) return;
    const secret = crackJwtSecret(probe.jwt.token);
    if (secret === undefined) return;
    const forged = encodeHmacJwt(
      probe.decoded.header,
      { ...probe.decoded.payload, jti: randomUUID(), iat: Math.floor(Date.now() / 1000) },
      secret,
    );
    const credentials = replaceJwt(probe.credentials, probe.jwt, forged);
    const response = await probe.send(credentials);
    if (!probe.accepted(response)) return;
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, probe.request),
      message: `${probe.session.name}'s token is signed with a secret from a public wordlist (${maskSecret(secret)}); a token forged with it was accepted`,
      summary: `the secret was cracked offline and a token signed with it got ${response.status} like the real one`,
      oracle: 'offline-crack-then-forged-token-accepted',
      confidence: 'certain',
      snippet: `HMAC secret ${maskSecret(secret)} (${secret.length} characters)`,
      responses: [probe.baseline, response],
      tags: ['jwt'],
      confirm: async () => probe.accepted(await probe.send(credentials)),
    });
  },
});
