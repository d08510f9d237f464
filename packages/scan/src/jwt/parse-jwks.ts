import { createPublicKey, type KeyObject } from 'node:crypto';

/** A public key an API publishes (a JWKS entry or a PEM document), and where it was found. */
export interface PublishedKey {
  readonly kid: string | undefined;
  readonly alg: string | undefined;
  readonly family: 'rsa' | 'ec';
  readonly key: KeyObject;
  /** The URL it was read from. */
  readonly source: string;
}

const PEM = /-----BEGIN (?:RSA )?PUBLIC KEY-----[\s\S]+?-----END (?:RSA )?PUBLIC KEY-----/g;

function toPublished(key: KeyObject, source: string, kid?: unknown, alg?: unknown): PublishedKey | undefined {
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'rsa-pss' && type !== 'ec') return undefined;
  return {
    kid: typeof kid === 'string' ? kid : undefined,
    alg: typeof alg === 'string' ? alg : undefined,
    family: type === 'ec' ? 'ec' : 'rsa',
    key,
    source,
  };
}

/**
 * The RSA and EC public keys in a response body: a JWK Set (RFC 7517 section 5), a single JWK, or PEM public
 * keys (SPKI or PKCS#1) anywhere in the text. Private parts are never kept; keys that do not import are
 * skipped. At most `limit` keys (default 10).
 */
export function parseJwks(body: string, source: string, limit = 10): PublishedKey[] {
  const keys: PublishedKey[] = [];
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    document = undefined;
  }
  const entries: unknown[] =
    document !== null && typeof document === 'object'
      ? Array.isArray((document as { keys?: unknown }).keys)
        ? (document as { keys: unknown[] }).keys
        : [document]
      : [];
  for (const entry of entries) {
    if (keys.length >= limit) break;
    if (entry === null || typeof entry !== 'object') continue;
    const jwk = entry as Record<string, unknown>;
    if (jwk['kty'] !== 'RSA' && jwk['kty'] !== 'EC') continue;
    try {
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
      const published = toPublished(
        createPublicKey({ key: publicPart as never, format: 'jwk' }),
        source,
        jwk['kid'],
        jwk['alg'],
      );
      if (published) keys.push(published);
    } catch {
      // not a usable key
    }
  }
  for (const pem of body.replaceAll('\\n', '\n').match(PEM) ?? []) {
    if (keys.length >= limit) break;
    try {
      const published = toPublished(createPublicKey(pem), source);
      if (published) keys.push(published);
    } catch {
      // not a usable key
    }
  }
  return keys;
}
