import { readFile } from 'node:fs/promises';
import { RampartError, Secret } from '@rampart/core';
import { parseStoreKey } from './parse-store-key.js';

/** Where to look for the store encryption key. */
export interface LoadStoreKeyOptions {
  /** A file holding the key as base64 text (e.g. `openssl rand -base64 32 > key`). Wins over the environment. */
  readonly keyFile?: string;
  /** Defaults to `process.env`; `RAMPART_STORE_KEY` holds the key, `RAMPART_STORE_KEY_FILE` names a key file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads the key that encrypts body samples at rest, from a key file or the environment; `undefined` when none
 * is configured. Throws `RAMPART_ERR_STORE_KEY` when one is configured but is not 32 bytes of base64, or when the key
 * file cannot be read.
 */
export async function loadStoreKey(options: LoadStoreKeyOptions = {}): Promise<Secret | undefined> {
  const env = options.env ?? process.env;
  const file = options.keyFile ?? env['RAMPART_STORE_KEY_FILE'];
  if (file !== undefined && file !== '') {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (cause) {
      throw new RampartError('RAMPART_ERR_STORE_KEY', `store key file ${file} could not be read`, {
        cause,
        hint: 'check the path and that the rampart user may read it',
      });
    }
    const key = new Secret(raw.trim());
    parseStoreKey(key, `store key file ${file}`);
    return key;
  }
  const text = env['RAMPART_STORE_KEY'];
  if (text === undefined || text === '') return undefined;
  const key = new Secret(text.trim());
  parseStoreKey(key, 'RAMPART_STORE_KEY');
  return key;
}
