import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSpool } from './create-spool.js';

const ev = (id: string) => ({ id }) as unknown as ApiEvent;

describe('createSpool', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  async function dir() {
    const d = await mkdtemp(join(tmpdir(), 'rampart-spool-unit-'));
    dirs.push(d);
    return join(d, 'spool');
  }

  it('returns batches in order, resumes after a restart from the committed offset, and empties itself', async () => {
    const d = await dir();
    const a = await createSpool(d, 1 << 20);
    await a.append([ev('1'), ev('2')]);
    await a.append([ev('3')]);
    await a.append([ev('4')]);
    const first = await a.peek();
    expect(first?.events.map((e) => e.id)).toEqual(['1', '2']);
    await first?.commit();
    const b = await createSpool(d, 1 << 20);
    expect((await b.peek())?.events.map((e) => e.id)).toEqual(['3']);
    await (await b.peek())?.commit();
    await (await b.peek())?.commit();
    expect(await b.peek()).toBeUndefined();
    expect(b.pendingBytes()).toBe(0);
    await expect(readFile(join(d, 'spool.ndjson'))).rejects.toThrow();
  });

  it('refuses appends beyond maxBytes', async () => {
    const s = await createSpool(await dir(), 40);
    expect(await s.append([ev('a')])).toBe(true);
    expect(await s.append([ev('b'), ev('c'), ev('d')])).toBe(false);
    expect(s.pendingBytes()).toBeLessThanOrEqual(40);
  });

  it('cuts a torn last line at open and skips corrupt lines', async () => {
    const d = await dir();
    const s = await createSpool(d, 1 << 20);
    await s.append([ev('ok-1')]);
    await appendFile(join(d, 'spool.ndjson'), 'not json\n[{"id":"ok-2"}]\n[{"id":"to');
    const reopened = await createSpool(d, 1 << 20);
    await reopened.append([ev('ok-3')]);
    const ids: string[] = [];
    for (let b = await reopened.peek(); b; b = await reopened.peek()) {
      ids.push(...b.events.map((e) => e.id));
      await b.commit();
    }
    expect(ids).toEqual(['ok-1', 'ok-2', 'ok-3']);
    expect(reopened.corruptLines()).toBe(1);
  });
});
