import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RampartError, type Secret } from '@rampart/core';
import { parseStoreKey, type StoreKey } from './parse-store-key.js';

/** Encrypts and decrypts values at rest with AES-256-GCM. */
export interface BodyCipher {
  /** The id of the key new values are encrypted with. */
  readonly keyId: string;
  /**
   * Encrypts `plaintext`, binding it to `context` (additional authenticated data, e.g. the event id) so that a
   * ciphertext copied to another row fails authentication.
   */
  encrypt(plaintext: string, context: string): Buffer;
  /** Decrypts a value written by `encrypt`; throws `RAMPART_ERR_STORE_DECRYPT` when it fails authentication. */
  decrypt(sealed: Uint8Array, context: string): string;
}

const VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES;

/**
 * A cipher over the current key and any older keys still needed to read what they wrote (key rotation).
 * Layout of a sealed value: version (1 byte) ‖ key id (8) ‖ IV (12, random per value) ‖ ciphertext ‖ tag (16).
 */
export function createBodyCipher(current: Secret, previous: readonly Secret[] = []): BodyCipher {
  const key = parseStoreKey(current);
  const keys = new Map<string, StoreKey>([[key.id, key]]);
  previous.forEach((old, i) => {
    const k = parseStoreKey(old, `decryptionKeys[${i}]`);
    if (!keys.has(k.id)) keys.set(k.id, k);
  });
  const keyIdBytes = Buffer.from(key.id, 'hex');

  return {
    keyId: key.id,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), keyIdBytes, iv, body, cipher.getAuthTag()]);
    },
    decrypt(sealed, context) {
      const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (data.length < HEADER_BYTES + TAG_BYTES || data[0] !== VERSION) {
        throw new RampartError(
          'RAMPART_ERR_STORE_DECRYPT',
          `encrypted value for ${context} is malformed (${data.length} bytes, version ${data[0] ?? 'none'})`,
          { hint: 'the database file was modified outside Rampart; restore it from a backup' },
        );
      }
      const id = data.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
      const k = keys.get(id);
      if (k === undefined) {
        throw new RampartError(
          'RAMPART_ERR_STORE_DECRYPT',
          `encrypted value for ${context} was written with key ${id}, which is not configured (current key is ${key.id})`,
          { hint: 'pass the old key in decryptionKeys to read values written before a key rotation' },
        );
      }
      const iv = data.subarray(1 + KEY_ID_BYTES, HEADER_BYTES);
      const tag = data.subarray(data.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', k.bytes, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(data.subarray(HEADER_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (cause) {
        throw new RampartError(
          'RAMPART_ERR_STORE_DECRYPT',
          `encrypted value for ${context} failed authentication with key ${id}: it was modified or moved`,
          { cause, hint: 'the database file was modified outside Rampart; restore it from a backup' },
        );
      }
    },
  };
}
