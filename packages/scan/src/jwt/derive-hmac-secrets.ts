import type { KeyObject } from 'node:crypto';

/** Bytes a careless verifier may use as the HMAC secret when handed a public key. */
export interface HmacSecretCandidate {
  /** How the bytes were made, for the report (`SPKI PEM`, `PKCS#1 DER`…). */
  readonly label: string;
  readonly secret: Buffer;
}

/**
 * The byte strings a verifier that takes `alg` from the token and feeds its public key to HMAC would use
 * (the RS/ES → HS key confusion of RFC 8725 section 2.1): the SPKI PEM as most libraries export it (with a
 * trailing newline) and without it, the PKCS#1 PEM of RSA keys with and without it, and the DER encodings.
 * Most likely first; each distinct.
 */
export function deriveHmacSecrets(publicKey: KeyObject): HmacSecretCandidate[] {
  const candidates: HmacSecretCandidate[] = [];
  const add = (label: string, secret: Buffer) => {
    if (!candidates.some((c) => c.secret.equals(secret))) candidates.push({ label, secret });
  };
  const pemVariants = (label: string, pem: string) => {
    const trimmed = pem.replace(/\s+$/, '');
    add(`${label} PEM`, Buffer.from(`${trimmed}\n`));
    add(`${label} PEM without trailing newline`, Buffer.from(trimmed));
  };
  pemVariants('SPKI', publicKey.export({ type: 'spki', format: 'pem' }).toString());
  if (publicKey.asymmetricKeyType === 'rsa') {
    pemVariants('PKCS#1', publicKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  }
  add('SPKI DER', publicKey.export({ type: 'spki', format: 'der' }));
  if (publicKey.asymmetricKeyType === 'rsa') {
    add('PKCS#1 DER', publicKey.export({ type: 'pkcs1', format: 'der' }));
  }
  return candidates;
}
