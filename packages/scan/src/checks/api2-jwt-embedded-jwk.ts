import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { createAttackerKey } from '../jwt/create-attacker-key.js';
import { encodeSignedJwt } from '../jwt/encode-signed-jwt.js';
import { selectForgeryProbes } from '../jwt/select-forgery-probes.js';
import { locateRequest } from '../locate-request.js';

/** Header parameters that name a key source: dropped from the forged header so only `jwk` speaks. */
const KEY_SOURCE_HEADERS = ['jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'];

export const api2JwtEmbeddedJwk = defineCheck({
  id: 'api2-jwt-embedded-jwk',
  title: 'JWT verified with the key embedded in its own header (jwk)',
  severity: 'critical',
  owasp: 'API2',
  cwe: 347,
  maxRequests: 20,
  description:
    "The identity's own claims are signed with a key pair generated for this scan, and its public half is put " +
    'in the token header as `jwk` (RFC 7515 section 4.1.3). Accepting it means anyone can sign tokens the API ' +
    'trusts. Reported only when the API refuses the same token with a wrong signature.',
  remediation:
    'Never verify a token with a key it carries itself: choose the key from your own trusted set (JWKS by kid, ' +
    'pinned issuer) and ignore or reject the jwk header parameter (RFC 8725 section 3.10).',
  async run(ctx) {
    for (const probe of await selectForgeryProbes(ctx, ['rsa', 'ec', 'hmac'])) {
      const attacker = await createAttackerKey(
        probe.family === 'ec' ? 'ec' : 'rsa',
        `rampart-${randomBytes(4).toString('hex')}`,
      );
      const header: Record<string, unknown> = { ...probe.decoded.header };
      for (const name of KEY_SOURCE_HEADERS) delete header[name];
      Object.assign(header, { alg: attacker.alg, kid: attacker.kid, jwk: attacker.publicJwk });
      const forged = encodeSignedJwt(header, probe.decoded.payload, attacker.privateKey);
      const credentials = replaceJwt(probe.credentials, probe.jwt, forged);
      const response = await probe.send(credentials);
      if (!probe.accepted(response)) continue;
      await ctx.report({
        ...locateRequest(ctx.model, ctx.target, probe.request),
        message: `a token carrying ${probe.session.name}'s claims, signed with a key the scanner made and embedded as "jwk" in its header, was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname}`,
        summary: `the self-signed ${attacker.alg} token got ${response.status} like the real one, while the token with a wrong signature got ${probe.control.status}`,
        oracle: 'embedded-jwk-token-accepted',
        confidence: 'certain',
        snippet: `header: {"alg":"${attacker.alg}","kid":"${attacker.kid}","jwk":{"kty":"${String(attacker.publicJwk['kty'])}",…}}`,
        responses: [probe.baseline, probe.control, response],
        tags: ['jwt', 'header-injection'],
        confirm: async () => probe.acceptedWhileControlRefused(await probe.send(credentials)),
      });
      return;
    }
  },
});
