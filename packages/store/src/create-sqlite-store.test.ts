import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiEvent, isRampartError, Secret } from '@rampart/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from './create-sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract(
  'sqlite',
  ({ dir, retention, bodyKey }) =>
    createSqliteStore({
      path: join(dir, 'rampart.db'),
      batch: { maxDelayMs: 5 },
      ...(retention ? { retention } : {}),
      ...(bodyKey ? { storeBodies: true, encryptionKey: bodyKey } : {}),
    }),
  {
    crashChild: {
      module: fileURLToPath(new URL('./create-sqlite-store.ts', import.meta.url)),
      exportName: 'createSqliteStore',
      options: (dir) => ({ path: join(dir, 'rampart.db'), batch: { maxDelayMs: 5 } }),
    },
  },
);

const key = () => new Secret(randomBytes(32).toString('base64'));
const isCode = (code: string) => (e: unknown) => isRampartError(e) && e.code === code;

function sampleEvent(id: string, body: string): ApiEvent {
  return {
    id,
    time: Date.now(),
    origin: 'gateway',
    method: 'POST',
    rawPath: '/payments',
    path: '/payments',
    route: '/payments',
    status: 201,
    latencyMs: 2,
    requestSize: body.length,
    responseSize: 10,
    clientIp: '192.0.2.1',
    auth: 'success',
    verdict: 'allow',
    requestHeaders: {},
    responseHeaders: {},
    requestBody: { contentType: 'application/json', text: body, truncated: false, size: body.length },
    responseBody: { contentType: 'application/json', text: '{"ok":true}', truncated: false, size: 11 },
  };
}

describe('createSqliteStore', () => {
  let dir: string;
  const stores: SqliteStore[] = [];
  async function open(options: Omit<Parameters<typeof createSqliteStore>[0], 'path'> = {}) {
    dir ??= await mkdtemp(join(tmpdir(), 'rampart-sqlite-'));
    const store = createSqliteStore({ path: join(dir, 'rampart.db'), batch: { maxDelayMs: 5 }, ...options });
    stores.push(store);
    return store;
  }
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined as unknown as string;
  });

  it('uses WAL with synchronous=NORMAL and records the schema version', async () => {
    const store = await open();
    await store.close();
    const db = new Database(join(dir, 'rampart.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    db.close();
    const again = await open();
    expect(again.stats().eventsWritten).toBe(0);
  });

  it('coalesces concurrent saves into few transactions and counts duplicates', async () => {
    const store = await open({ batch: { maxEvents: 10_000, maxDelayMs: 20 } });
    const events = Array.from({ length: 30 }, (_, i) => sampleEvent(`s${i}`, '{}'));
    await Promise.all([...events.map((e) => store.saveEvents([e])), store.saveEvents(events.slice(0, 5))]);
    expect(store.stats()).toMatchObject({ batchesWritten: 1, eventsWritten: 30, duplicatesIgnored: 5 });
  });

  it('writes as soon as maxEvents are waiting, without waiting for the delay', async () => {
    const store = await open({ batch: { maxEvents: 3, maxDelayMs: 60_000 } });
    await store.saveEvents([sampleEvent('a', '{}'), sampleEvent('b', '{}'), sampleEvent('c', '{}')]);
    expect(store.stats()).toMatchObject({ batchesWritten: 1, pendingEvents: 0 });
  });

  it('encrypts stored bodies: the plaintext is not in the database file, and reads decrypt it', async () => {
    const k = key();
    const store = await open({ storeBodies: true, encryptionKey: k });
    const marker = 'card-4111111111111111-marker';
    await store.saveEvents([sampleEvent('p1', `{"note":"${marker}"}`)]);
    await store.close();
    for (const file of ['rampart.db', 'rampart.db-wal']) {
      const bytes = await readFile(join(dir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(marker)).toBe(false);
    }
    const reader = await open({ encryptionKey: k });
    const back = await reader.getEvent('p1');
    expect(back?.requestBody?.text).toBe(`{"note":"${marker}"}`);
    expect(back?.responseBody?.text).toBe('{"ok":true}');
    const listed = await reader.queryEvents();
    expect(listed.items[0]?.requestBody?.text).toBeUndefined();
    const withBodies = await reader.queryEvents({ includeBodies: true });
    expect(withBodies.items[0]?.requestBody?.text).toContain(marker);
  });

  it('records the key id and reads old rows after a key rotation', async () => {
    const oldKey = key();
    const first = await open({ storeBodies: true, encryptionKey: oldKey });
    await first.saveEvents([sampleEvent('old', '{"a":1}')]);
    await first.close();
    const newKey = key();
    const rotated = await open({ storeBodies: true, encryptionKey: newKey, decryptionKeys: [oldKey] });
    await rotated.saveEvents([sampleEvent('new', '{"b":2}')]);
    expect((await rotated.getEvent('old'))?.requestBody?.text).toBe('{"a":1}');
    expect((await rotated.getEvent('new'))?.requestBody?.text).toBe('{"b":2}');
    await rotated.close();
    const db = new Database(join(dir, 'rampart.db'), { readonly: true });
    const ids = db.prepare('SELECT id, key_id FROM events ORDER BY id').all() as {
      id: string;
      key_id: string;
    }[];
    db.close();
    expect(ids[0]?.key_id).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[0]?.key_id).not.toBe(ids[1]?.key_id);
    const withoutOld = await open({ encryptionKey: newKey });
    await expect(withoutOld.getEvent('old')).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_DECRYPT'));
  });

  it('fails loudly, not with garbage, when a ciphertext was tampered with or moved to another row', async () => {
    const k = key();
    const store = await open({ storeBodies: true, encryptionKey: k });
    await store.saveEvents([sampleEvent('t1', '{"x":1}'), sampleEvent('t2', '{"y":2}')]);
    await store.close();
    const db = new Database(join(dir, 'rampart.db'));
    const row = db.prepare('SELECT sealed FROM events WHERE id = ?').get('t1') as { sealed: Buffer };
    const flipped = Buffer.from(row.sealed);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 1;
    db.prepare('UPDATE events SET sealed = ? WHERE id = ?').run(flipped, 't1');
    db.prepare('UPDATE events SET sealed = ? WHERE id = ?').run(row.sealed, 't2');
    db.close();
    const reader = await open({ encryptionKey: k });
    await expect(reader.getEvent('t1')).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_DECRYPT'));
    await expect(reader.getEvent('t2')).rejects.toThrow(/failed authentication/);
    const noKey = await open();
    await expect(noKey.getEvent('t1')).rejects.toThrow(/no encryption key/);
  });

  it('refuses to store bodies without a key, and rejects malformed keys without echoing them', async () => {
    await expect(open({ storeBodies: true })).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_KEY'));
    const short = new Secret(randomBytes(16).toString('base64'));
    const error = await open({ encryptionKey: short }).catch((e: unknown) => e);
    expect(isCode('RAMPART_ERR_STORE_KEY')(error)).toBe(true);
    expect(String((error as Error).message)).toContain('got 16 bytes');
    expect(String((error as Error).message)).not.toContain(short.reveal());
  });

  it('refuses a database written by a newer Rampart', async () => {
    const store = await open();
    await store.close();
    const db = new Database(join(dir, 'rampart.db'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    db.close();
    await expect(open()).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_MIGRATION'));
  });

  it('reports a file it cannot open with RAMPART_ERR_STORE_OPEN', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-sqlite-'));
    const notADb = join(dir, 'rampart.db');
    await import('node:fs/promises').then((fs) => fs.writeFile(notADb, 'this is not a database, it is text'));
    expect(() => createSqliteStore({ path: notADb })).toThrow(
      expect.objectContaining({ code: 'RAMPART_ERR_STORE_OPEN' }),
    );
  });

  it('rejects every waiting caller with RAMPART_ERR_STORE_WRITE when a batch cannot be written', async () => {
    const store = await open({ batch: { maxDelayMs: 5 } });
    const side = new Database(join(dir, 'rampart.db'));
    side.exec('DROP INDEX events_id; CREATE TABLE blocker (x); DROP TABLE events;');
    side.close();
    const a = store.saveEvents([sampleEvent('w1', '{}')]);
    const b = store.saveEvents([sampleEvent('w2', '{}')]);
    await expect(a).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_WRITE'));
    await expect(b).rejects.toSatisfy(isCode('RAMPART_ERR_STORE_WRITE'));
  });

  it('enforces retention periodically on its own', async () => {
    const store = await open({ retention: { maxEvents: 10, intervalMs: 20 } });
    await store.saveEvents(Array.from({ length: 30 }, (_, i) => sampleEvent(`r${i}`, '{}')));
    for (let i = 0; i < 500 && store.stats().eventsExpired < 20; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(store.stats().eventsExpired).toBe(20);
    expect((await store.queryEvents({ limit: 100 })).items).toHaveLength(10);
  });

  it('validates its options at construction', () => {
    expect(() => createSqliteStore({ path: '' })).toThrow(TypeError);
    expect(() => createSqliteStore({ path: ':memory:', batch: { maxEvents: 0 } })).toThrow(/batch.maxEvents/);
    expect(() => createSqliteStore({ path: ':memory:', retention: { maxAgeMs: -1 } })).toThrow(/maxAgeMs/);
  });
});
