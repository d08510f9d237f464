/** The key family a JWS `alg` (RFC 7518 section 3.1) needs; `other` for `none`, unknown or missing values. */
export type JwtAlgorithmFamily = 'hmac' | 'rsa' | 'ec' | 'other';

/**
 * Which family of key verifies tokens with this `alg`: HS* → `hmac`, RS* and PS* → `rsa`, ES* → `ec`.
 * Case-sensitive, as RFC 7515 section 4.1.1 says `alg` is.
 */
export function classifyJwtAlgorithm(alg: unknown): JwtAlgorithmFamily {
  if (typeof alg !== 'string') return 'other';
  if (/^HS(256|384|512)$/.test(alg)) return 'hmac';
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return 'rsa';
  if (/^ES(256|384|512)$/.test(alg)) return 'ec';
  return 'other';
}
