import { createHmac } from 'node:crypto';

/** Claims the bank puts in its access tokens. */
export interface AccessClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

/** Base64url of a JSON value or of raw bytes. */
export function encodeBase64Url(value: unknown): string {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  return bytes.toString('base64url');
}

/** Signs claims as a compact HS256 JWT (RFC 7519). */
export function signJwt(claims: AccessClaims, secret: string): string {
  const head = `${encodeBase64Url({ alg: 'HS256', typ: 'JWT' })}.${encodeBase64Url(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
