import { createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { posix } from 'node:path';
import { fetchGuarded } from './fetch-guarded.js';
import { PARTNER_AUDIENCE } from './partner-client.js';
import type { PartnerSigningKey } from './partner-signing-key.js';

/** How {@link verifyPartnerJwt} checks a token; each boolean is a flaw switch (all false = secure). */
export interface VerifyPartnerJwtOptions {
  readonly key: PartnerSigningKey;
  /** Takes alg from the header and uses the PEM public key as HMAC secret for HS* (api2-jwt-key-confusion). */
  readonly keyConfusion: boolean;
  /** Verifies with the `jwk` the token carries (api2-jwt-jwk-header-trusted). */
  readonly trustJwkHeader: boolean;
  /** Fetches the key set from the token's `jku` (api2-jwt-jku-followed). */
  readonly followJku: boolean;
  /** Reads HMAC keys from `/srv/bank/keys/<kid>` without normalising the path (api2-jwt-kid-traversal). */
  readonly kidFromFile: boolean;
  /** The only non-loopback origin the bank may fetch from. */
  readonly canaryOrigin: string | undefined;
  /** Seconds since the epoch. */
  readonly now: number;
}

/** The partner's claims, or why the token was refused. */
export type VerifyPartnerJwtResult =
  | { readonly ok: true; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: 'invalid_token' | 'token_expired' };

const HMAC: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** Where the flawed verifier pretends its HMAC key files live. */
const KEY_DIRECTORY = '/srv/bank/keys';

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function hmacMatches(alg: string, secret: string | Buffer, input: string, signature: string): boolean {
  const expected = createHmac(HMAC[alg]!, secret).update(input).digest();
  const actual = Buffer.from(signature, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The flawed file-based key store: only the empty `/dev/null` "file" exists besides nothing. */
function readKeyFile(kid: string): Buffer | undefined {
  const path = posix.normalize(`${KEY_DIRECTORY}/${kid}`);
  return path === '/dev/null' ? Buffer.alloc(0) : undefined;
}

async function fetchJkuKey(jku: string, kid: unknown, canaryOrigin: string | undefined): Promise<KeyObject> {
  const response = await fetchGuarded(jku, { canaryOrigin, followRedirects: false, maxBytes: 64 * 1024 });
  const set = JSON.parse(response.body.toString('utf8')) as { keys?: Array<Record<string, unknown>> };
  const jwk = set.keys?.find((k) => kid === undefined || k['kid'] === kid) ?? set.keys?.[0];
  if (jwk === undefined) throw new Error('no key in the jku set');
  return createPublicKey({ key: jwk as never, format: 'jwk' });
}

/**
 * Verifies a partner access token. Secure behaviour: RS256 only, with the bank's own key chosen by `kid`, then
 * `aud` and `exp`. The flaw switches reproduce the classic verifier mistakes (RFC 8725 sections 2.1 and 3.10).
 */
export async function verifyPartnerJwt(
  token: string,
  options: VerifyPartnerJwtOptions,
): Promise<VerifyPartnerJwtResult> {
  const invalid = { ok: false, error: 'invalid_token' } as const;
  const parts = token.split('.');
  if (parts.length !== 3) return invalid;
  const [head, body, signature] = parts as [string, string, string];
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (header === undefined || claims === undefined || typeof claims['sub'] !== 'string') return invalid;
  const alg = header['alg'];
  const input = `${head}.${body}`;
  let valid = false;
  try {
    if (typeof alg === 'string' && alg in HMAC) {
      if (options.kidFromFile && typeof header['kid'] === 'string') {
        const secret = readKeyFile(header['kid']);
        valid = secret !== undefined && hmacMatches(alg, secret, input, signature);
      }
      if (!valid && options.keyConfusion) valid = hmacMatches(alg, options.key.pem, input, signature);
    } else if (alg === 'RS256') {
      let key: KeyObject | undefined;
      const jwk = header['jwk'];
      if (options.trustJwkHeader && typeof jwk === 'object' && jwk !== null) {
        key = createPublicKey({ key: jwk as never, format: 'jwk' });
      } else if (options.followJku && typeof header['jku'] === 'string') {
        key = await fetchJkuKey(header['jku'], header['kid'], options.canaryOrigin);
      } else if (header['kid'] === options.key.kid) {
        key = options.key.publicKey;
      }
      valid =
        key !== undefined && verify('sha256', Buffer.from(input), key, Buffer.from(signature, 'base64url'));
    }
  } catch {
    valid = false;
  }
  if (!valid) return invalid;
  if (claims['aud'] !== PARTNER_AUDIENCE) return invalid;
  if (typeof claims['exp'] !== 'number' || claims['exp'] <= options.now) {
    return { ok: false, error: 'token_expired' };
  }
  return { ok: true, claims };
}
