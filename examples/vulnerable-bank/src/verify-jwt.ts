import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessClaims } from './sign-jwt.js';

/** How strictly {@link verifyJwt} checks a token; the two booleans are flaw switches. */
export interface VerifyJwtOptions {
  readonly secret: string;
  /** Accept `alg: none` tokens without a signature (flaw api2-jwt-alg-none). */
  readonly acceptAlgNone: boolean;
  /** Ignore `exp` (flaw api2-jwt-expired-accepted). */
  readonly ignoreExpiry: boolean;
  /** Seconds since the epoch. */
  readonly now: number;
}

/** The result of verifying a bearer token: its claims, or why it was refused. */
export type VerifyJwtResult =
  | { readonly ok: true; readonly claims: AccessClaims }
  | { readonly ok: false; readonly error: 'invalid_token' | 'token_expired' };

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a compact JWS (HS256 only, RFC 8725 section 3.1) and its exp claim. */
export function verifyJwt(token: string, options: VerifyJwtOptions): VerifyJwtResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, error: 'invalid_token' };
  const [head, body, signature] = parts as [string, string, string];
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (header === undefined || claims === undefined || typeof claims['sub'] !== 'string') {
    return { ok: false, error: 'invalid_token' };
  }
  const alg = typeof header['alg'] === 'string' ? header['alg'].toLowerCase() : '';
  if (alg === 'none') {
    if (!options.acceptAlgNone) return { ok: false, error: 'invalid_token' };
  } else if (alg === 'hs256') {
    const expected = createHmac('sha256', options.secret).update(`${head}.${body}`).digest();
    const actual = Buffer.from(signature, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return { ok: false, error: 'invalid_token' };
    }
  } else {
    return { ok: false, error: 'invalid_token' };
  }
  if (!options.ignoreExpiry && (typeof claims['exp'] !== 'number' || claims['exp'] <= options.now)) {
    return { ok: false, error: 'token_expired' };
  }
  return { ok: true, claims: claims as AccessClaims };
}
