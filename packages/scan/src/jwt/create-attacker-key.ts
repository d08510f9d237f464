import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

/** A key pair the scanner makes for itself, to sign tokens a target must never trust. */
export interface AttackerKey {
  readonly kid: string;
  /** RS256 for RSA keys, ES256 for P-256 keys. */
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyObject;
  /** The public half as a JWK (RFC 7517) with `kid`, `alg` and `use: "sig"`. */
  readonly publicJwk: Readonly<Record<string, unknown>>;
}

/**
 * Generates a fresh key pair (RSA 2048 or EC P-256) for one scan, so no token forged with it can be confused
 * with one from a real issuer, and nothing secret ships with the scanner.
 */
export async function createAttackerKey(family: 'rsa' | 'ec', kid: string): Promise<AttackerKey> {
  const { privateKey, publicKey } =
    family === 'rsa'
      ? await generate('rsa', { modulusLength: 2048 })
      : await generate('ec', { namedCurve: 'P-256' });
  const alg = family === 'rsa' ? 'RS256' : 'ES256';
  return {
    kid,
    alg,
    privateKey,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
  };
}
