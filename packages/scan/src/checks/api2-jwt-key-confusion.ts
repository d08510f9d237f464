import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { deriveHmacSecrets } from '../jwt/derive-hmac-secrets.js';
import { discoverPublicKeys } from '../jwt/discover-public-keys.js';
import { encodeHmacJwt, type HmacAlgorithm } from '../jwt/forge-jwt.js';
import { selectForgeryProbes } from '../jwt/select-forgery-probes.js';
import { locateRequest } from '../locate-request.js';

/** Keys tried per token, and HS384/HS512 are tried only with the most common secret encodings. */
const MAX_KEYS = 2;
const EXTRA_ALGORITHM_SECRETS = 2;

export const api2JwtKeyConfusion = defineCheck({
  id: 'api2-jwt-key-confusion',
  title: 'JWT key confusion: public key accepted as HMAC secret',
  severity: 'critical',
  owasp: 'API2',
  cwe: 327,
  maxRequests: 70,
  description:
    "For an identity holding an RS*/PS*/ES* token (else, once, an HS* one), the API's published public keys are looked up (the " +
    "description's key endpoints, the issuer's and the API's /.well-known/jwks.json, openid-configuration " +
    "jwks_uri, /jwks…). The identity's own claims are re-signed with HS256/384/512 using the encodings of that " +
    'key a careless verifier would use as the HMAC secret (SPKI and PKCS#1 PEM with and without the final ' +
    'newline, DER). It is reported when the API accepts such a token while it refuses the same token with a ' +
    'wrong signature, so an API that checks no signature at all is not reported here.',
  remediation:
    'Pin the algorithm per key: verify with an explicit allow-list (e.g. jose jwtVerify(token, key, ' +
    "{ algorithms: ['RS256'] })) and never take alg from the token header (RFC 8725 sections 2.1 and 3.1). " +
    'Keep asymmetric public keys out of HMAC code paths.',
  async run(ctx) {
    // Identities with asymmetric tokens first; an HMAC token is still worth one try when the API publishes
    // keys (one verifier for several issuers that picks the key by kid and the algorithm from the header).
    let probes = await selectForgeryProbes(ctx, ['rsa', 'ec']);
    if (probes.length === 0) probes = await selectForgeryProbes(ctx, ['hmac']);
    for (const probe of probes) {
      const discovered = await discoverPublicKeys(ctx, probe.decoded);
      const ownKid = probe.decoded.header['kid'];
      const keys = [...discovered.keys]
        .sort((a, b) => Number(b.kid === ownKid) - Number(a.kid === ownKid))
        .filter((key) => probe.family === 'hmac' || key.kid === ownKid || key.family === probe.family)
        .slice(0, MAX_KEYS);
      for (const key of keys) {
        const kid = key.kid ?? ownKid;
        const secrets = deriveHmacSecrets(key.key);
        const attempts: Array<{ alg: HmacAlgorithm; label: string; secret: Buffer }> = [
          ...secrets.map((s) => ({ alg: 'HS256' as const, ...s })),
          ...secrets.slice(0, EXTRA_ALGORITHM_SECRETS).flatMap((s) => [
            { alg: 'HS384' as const, ...s },
            { alg: 'HS512' as const, ...s },
          ]),
        ];
        for (const attempt of attempts) {
          const forged = encodeHmacJwt(
            { ...probe.decoded.header, alg: attempt.alg, ...(kid === undefined ? {} : { kid }) },
            probe.decoded.payload,
            attempt.secret,
          );
          const credentials = replaceJwt(probe.credentials, probe.jwt, forged);
          const response = await probe.send(credentials);
          if (!probe.accepted(response)) continue;
          const keyName = `${key.family.toUpperCase()} key${key.kid === undefined ? '' : ` "${key.kid}"`} from ${new URL(key.source).pathname}`;
          await ctx.report({
            ...locateRequest(ctx.model, ctx.target, probe.request),
            message: `${probe.session.name}'s ${String(probe.decoded.header['alg'])} token, re-signed with ${attempt.alg} using the ${attempt.label} of the published ${keyName} as HMAC secret, was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname}`,
            summary: `the public key served at ${key.source} works as an HMAC secret: the forged ${attempt.alg} token got ${response.status} like the real one, while the token with a wrong signature got ${probe.control.status}`,
            oracle: 'key-confusion-forged-token-accepted',
            confidence: 'certain',
            snippet: `header: {"alg":"${attempt.alg}"${typeof kid === 'string' ? `,"kid":${JSON.stringify(kid)}` : ''}}; HMAC secret: ${attempt.label} (${attempt.secret.length} bytes) of ${key.source}`,
            responses: [...discovered.responses.slice(0, 1), probe.baseline, probe.control, response],
            tags: ['jwt', 'key-confusion'],
            confirm: async () => probe.acceptedWhileControlRefused(await probe.send(credentials)),
          });
          return;
        }
      }
    }
  },
});
