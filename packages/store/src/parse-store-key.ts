import { createHash } from 'node:crypto';
import { RampartError, type Secret } from '@rampart/core';

/** A decoded AES-256 key with the short id recorded beside every value it encrypts. */
export interface StoreKey {
  /** 16 hex characters derived from the key (not reversible); says which key wrote a value, for rotation. */
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * Decodes a store encryption key: 32 bytes, base64 (standard or URL-safe) inside a `Secret`. Throws
 * `RAMPART_ERR_STORE_KEY` when it does not decode to exactly 32 bytes; the message never contains the key.
 */
export function parseStoreKey(key: Secret, source = 'the store encryption key'): StoreKey {
  const text = key.reveal().trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new RampartError(
      'RAMPART_ERR_STORE_KEY',
      `${source} must be 32 bytes encoded as base64, got ${bytes.length === 0 ? 'text that is not base64' : `${bytes.length} bytes`}`,
      { hint: 'generate one with `openssl rand -base64 32`' },
    );
  }
  const id = createHash('sha256').update('rampart-store-key-id\0').update(bytes).digest('hex').slice(0, 16);
  return { id, bytes };
}
