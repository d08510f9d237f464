import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { BankContext } from './bank-context.js';

const generate = promisify(generateKeyPair);

/** The RSA key pair the bank signs partner access tokens with (RS256), and how it publishes it. */
export interface PartnerSigningKey {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as a JWK with kid, alg and use, as `/.well-known/jwks.json` serves it. */
  readonly jwk: Readonly<Record<string, unknown>>;
  /** The SPKI PEM of the public key (with its final newline), as a PEM-configured verifier holds it. */
  readonly pem: string;
}

const keys = new WeakMap<BankContext, Promise<PartnerSigningKey>>();

async function createKey(): Promise<PartnerSigningKey> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 });
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' },
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The partner signing key of one bank instance, generated (RSA 2048) the first time the partner API is used,
 * so banks that never see a partner pay nothing for it.
 */
export function partnerSigningKey(bank: BankContext): Promise<PartnerSigningKey> {
  let key = keys.get(bank);
  if (key === undefined) {
    key = createKey();
    keys.set(bank, key);
  }
  return key;
}
