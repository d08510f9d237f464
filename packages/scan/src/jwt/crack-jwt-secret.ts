import { timingSafeEqual } from 'node:crypto';
import { decodeJwt } from './decode-jwt.js';
import { HMAC_ALGORITHMS, type HmacAlgorithm, signHmac } from './forge-jwt.js';
import { JWT_SECRET_WORDLIST } from './jwt-secret-wordlist.js';

/**
 * Tries every candidate secret against an HMAC-signed JWT, offline (no request is sent). Returns the secret
 * that reproduces the signature, or undefined (also for tokens that are not HS256/384/512).
 */
export function crackJwtSecret(
  token: string,
  candidates: readonly string[] = JWT_SECRET_WORDLIST,
): string | undefined {
  const decoded = decodeJwt(token);
  if (decoded === undefined) return undefined;
  const alg = typeof decoded.header['alg'] === 'string' ? decoded.header['alg'].toUpperCase() : '';
  if (!(alg in HMAC_ALGORITHMS)) return undefined;
  const expected = Buffer.from(decoded.signature, 'base64url');
  if (expected.length === 0) return undefined;
  for (const candidate of candidates) {
    const actual = Buffer.from(signHmac(alg as HmacAlgorithm, decoded.signingInput, candidate), 'base64url');
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return candidate;
  }
  return undefined;
}
