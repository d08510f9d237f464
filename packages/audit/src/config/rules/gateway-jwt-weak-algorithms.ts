import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readList, readObject, readStrings } from '../read-config-value.js';

/** RFC 8725 §3.1-3.2: `none`, and HMAC next to published public keys, invite forged tokens. */
export const gatewayJwtWeakAlgorithms = defineGatewayConfigRule({
  id: 'gateway-jwt-weak-algorithms',
  title: 'JWT algorithm allowlist permits forged tokens',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 347,
  confidence: 'certain',
  description:
    'A JWT issuer allows `alg: none` (unsigned tokens anyone can write), or an HMAC algorithm (HS256/384/512) together with a JWKS URL: the public keys are public, and a verifier that can be made to use one as an HMAC secret accepts tokens signed by anyone (algorithm confusion, RFC 8725 §2.1).',
  remediation:
    'List only the asymmetric algorithms the issuer signs with (e.g. [ES256] or [RS256]) next to `jwksUri`; never `none`. Use HS* only with a static secret shared with a single issuer.',
  check({ config, report }) {
    const issuers = readList(readObject(readObject(config.policies)?.['jwt'])?.['issuers']);
    issuers.forEach((raw, i) => {
      const issuer = readObject(raw);
      if (!issuer) return;
      const algorithms = readStrings(issuer['algorithms']);
      const name = typeof issuer['issuer'] === 'string' ? issuer['issuer'] : `#${i + 1}`;
      const pointer = `/policies/jwt/issuers/${i}/algorithms`;
      if (algorithms.some((a) => a.toLowerCase() === 'none'))
        report({
          pointer,
          severity: 'critical',
          snippet: `algorithms: [${algorithms.join(', ')}]`,
          message: `JWT issuer ${name} allows "none": unsigned tokens would be accepted`,
        });
      const hmac = algorithms.filter((a) => /^HS\d+$/i.test(a));
      if (hmac.length > 0 && typeof issuer['jwksUri'] === 'string')
        report({
          pointer,
          snippet: `algorithms: [${algorithms.join(', ')}], jwksUri: ${issuer['jwksUri']}`,
          message: `JWT issuer ${name} allows ${hmac.join(', ')} next to a JWKS URL: public keys must never verify HMAC tokens`,
        });
    });
  },
});
