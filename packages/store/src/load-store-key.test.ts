import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRampartError } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStoreKey } from './load-store-key.js';

describe('loadStoreKey', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const b64 = randomBytes(32).toString('base64');

  it('returns undefined when no key is configured', async () => {
    expect(await loadStoreKey({ env: {} })).toBeUndefined();
  });

  it('reads RAMPART_STORE_KEY, and a key file in preference to it', async () => {
    expect((await loadStoreKey({ env: { RAMPART_STORE_KEY: b64 } }))?.reveal()).toBe(b64);
    const dir = await mkdtemp(join(tmpdir(), 'rampart-key-'));
    dirs.push(dir);
    const other = randomBytes(32).toString('base64url');
    await writeFile(join(dir, 'store.key'), `${other}\n`);
    const fromFile = await loadStoreKey({ keyFile: join(dir, 'store.key'), env: { RAMPART_STORE_KEY: b64 } });
    expect(fromFile?.reveal()).toBe(other);
    const viaEnv = await loadStoreKey({ env: { RAMPART_STORE_KEY_FILE: join(dir, 'store.key') } });
    expect(viaEnv?.reveal()).toBe(other);
  });

  it('rejects keys that are not 32 bytes of base64, without printing them', async () => {
    for (const bad of ['hunter2 is my password', randomBytes(24).toString('base64')]) {
      const error = await loadStoreKey({ env: { RAMPART_STORE_KEY: bad } }).catch((e: unknown) => e);
      expect(isRampartError(error) && error.code === 'RAMPART_ERR_STORE_KEY').toBe(true);
      expect((error as Error).message).toContain('RAMPART_STORE_KEY must be 32 bytes');
      expect((error as Error).message).not.toContain(bad);
    }
  });

  it('reports an unreadable key file with its path', async () => {
    await expect(loadStoreKey({ keyFile: '/nonexistent/rampart.key', env: {} })).rejects.toThrow(
      /\/nonexistent\/rampart.key could not be read/,
    );
  });
});
