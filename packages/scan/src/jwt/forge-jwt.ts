import { createHmac } from 'node:crypto';

/** HMAC algorithms (RFC 7518 section 3.2) and the hash each uses. */
export const HMAC_ALGORITHMS = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
export type HmacAlgorithm = keyof typeof HMAC_ALGORITHMS;

/** `alg: none` as attackers write it: RFC 8725 section 2.1 warns that case-insensitive checks let these in. */
export const ALG_NONE_VARIANTS = ['none', 'None', 'NONE', 'nOnE'] as const;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The HMAC signature (base64url) of `signingInput` with `secret`. */
export function signHmac(algorithm: HmacAlgorithm, signingInput: string, secret: string | Buffer): string {
  return createHmac(HMAC_ALGORITHMS[algorithm], secret).update(signingInput).digest('base64url');
}

/**
 * A compact JWT with these header and payload, HMAC-signed with `secret` (the header's HS256/384/512, HS256
 * when it names another algorithm; the header is re-encoded with that alg).
 */
export function encodeHmacJwt(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  secret: string | Buffer,
): string {
  const alg = (typeof header['alg'] === 'string' ? header['alg'].toUpperCase() : 'HS256') as HmacAlgorithm;
  const algorithm: HmacAlgorithm = alg in HMAC_ALGORITHMS ? alg : 'HS256';
  const input = `${encode({ ...header, alg: algorithm })}.${encode(payload)}`;
  return `${input}.${signHmac(algorithm, input, secret)}`;
}

/** An unsigned JWT (`alg` set to `variant`, empty signature) carrying `payload`. */
export function encodeUnsignedJwt(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  variant: string,
): string {
  return `${encode({ ...header, alg: variant })}.${encode(payload)}.`;
}

/** The token with its signature removed (`header.payload.`). */
export function stripSignature(token: string): string {
  const last = token.lastIndexOf('.');
  return `${token.slice(0, last)}.`;
}

/** The token with a signature of the same length that is certainly wrong (every byte inverted). */
export function corruptSignature(token: string): string {
  const last = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(last + 1), 'base64url');
  const flipped = signature.length === 0 ? Buffer.from('rampart') : signature.map((byte) => byte ^ 0xff);
  return `${token.slice(0, last)}.${Buffer.from(flipped).toString('base64url')}`;
}
