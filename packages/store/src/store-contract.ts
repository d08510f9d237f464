import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Alert, ApiEvent, Finding, Severity, Store } from '@rampart/core';
import { fingerprintFinding, isRampartError, Secret } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';

/** A store under contract test: the `Store` port plus the controls the tests need to be deterministic. */
export interface ContractStore extends Store {
  /** Writes every buffered event now. */
  flush(): Promise<void>;
  /** Runs one retention pass now. */
  enforceRetention(): Promise<unknown>;
}

/** What a test asks of the store it opens. */
export interface ContractStoreContext {
  /** A fresh directory per test. Opening twice with the same `dir` must open the same data (reopen tests). */
  readonly dir: string;
  readonly retention?: {
    readonly maxAgeMs?: number;
    readonly maxEvents?: number;
    readonly maxBytes?: number;
  };
  /** When set, store body samples encrypted with this key. */
  readonly bodyKey?: Secret;
}

export interface StoreContractOptions {
  /**
   * How to open the same implementation in a child process for the crash test: a module path (TypeScript or
   * JavaScript), the name of its export that opens a store, and the JSON options to call it with for a `dir`.
   * Omit to skip the crash test (say why in the adapter's tests).
   */
  readonly crashChild?: {
    readonly module: string;
    readonly exportName: string;
    readonly options: (dir: string) => unknown;
  };
}

/**
 * The behaviour every `Store` adapter must have (SQLite today, PostgreSQL later). Call it from the adapter's
 * test file: `describeStoreContract('sqlite', (ctx) => createSqliteStore({ path: join(ctx.dir, 'db'), … }))`.
 */
export function describeStoreContract(
  name: string,
  open: (context: ContractStoreContext) => ContractStore | Promise<ContractStore>,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    const dirs: string[] = [];
    const opened: ContractStore[] = [];

    async function fresh(context: Omit<ContractStoreContext, 'dir'> = {}, dir?: string) {
      const d = dir ?? (await mkdtemp(join(tmpdir(), 'rampart-store-contract-')));
      if (dir === undefined) dirs.push(d);
      const store = await open({ ...context, dir: d });
      opened.push(store);
      return { store, dir: d };
    }

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
    });

    describe('events', () => {
      it('returns a saved event unchanged by id, once it is acknowledged', async () => {
        const { store } = await fresh();
        const e = event(1, {
          identity: { subject: 'alice', method: 'jwt', roles: ['user'] },
          query: { page: '2', tag: ['a', 'b'] },
          deniedBy: { policy: 'rate-limit', reason: 'over quota' },
          verdict: 'deny',
          dataClasses: ['email'],
        });
        await store.saveEvents([e]);
        expect(await store.getEvent(e.id)).toEqual(e);
        expect(await store.getEvent('no-such-event')).toBeUndefined();
      });

      it('stores an event saved twice (a sensor retry) once', async () => {
        const { store } = await fresh();
        await store.saveEvents([event(1), event(2)]);
        await store.saveEvents([event(2), event(3)]);
        const page = await store.queryEvents({ limit: 10 });
        expect(page.items.map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
      });

      it('redacts credentials again before storing, whatever the producer sent', async () => {
        const { store } = await fresh();
        const leaky = event(1, {
          rawPath: '/login?user=bob&access_token=abc123secret',
          requestHeaders: {
            Authorization: 'Bearer eyJhbGciOi.secret',
            Cookie: 'sid=topsecret',
            accept: '*/*',
          },
          responseHeaders: { 'set-cookie': 'sid=topsecret2' },
          query: { user: 'bob', access_token: 'abc123secret' },
        });
        await store.saveEvents([leaky]);
        const stored = await store.getEvent('e1');
        const text = JSON.stringify(stored);
        expect(text).not.toContain('secret');
        expect(text).not.toContain('eyJhbGciOi');
        expect(stored?.requestHeaders['authorization']).toBe('Bearer [redacted]');
        expect(stored?.requestHeaders['accept']).toBe('*/*');
        expect(stored?.query?.['user']).toBe('bob');
        expect(stored?.rawPath).toContain('user=bob');
      });

      it('keeps body sample sizes but not their text unless bodies are stored', async () => {
        const { store } = await fresh();
        await store.saveEvents([
          event(1, { requestBody: { text: '{"card":"4111"}', truncated: false, size: 15 } }),
        ]);
        const stored = await store.getEvent('e1');
        expect(stored?.requestBody).toEqual({ truncated: false, size: 15 });
      });

      it('returns stored body samples from getEvent, and from queryEvents only when asked', async () => {
        const { store } = await fresh({ bodyKey: new Secret(randomBytes(32).toString('base64')) });
        const requestBody = {
          contentType: 'application/json',
          text: '{"email":"a@example.com"}',
          truncated: true,
          size: 900,
        };
        await store.saveEvents([event(1, { requestBody })]);
        expect((await store.getEvent('e1'))?.requestBody).toEqual(requestBody);
        expect((await store.queryEvents()).items[0]?.requestBody).toEqual({
          contentType: 'application/json',
          truncated: true,
          size: 900,
        });
        expect((await store.queryEvents({ includeBodies: true })).items[0]?.requestBody).toEqual(requestBody);
      });

      it('rejects a malformed event without losing the other callers of the same batch', async () => {
        const { store } = await fresh();
        const good = store.saveEvents([event(1)]);
        const bad = store.saveEvents([{ ...event(2), status: undefined } as unknown as ApiEvent]);
        await expect(bad).rejects.toThrow(/status/);
        await good;
        expect(await store.getEvent('e1')).toBeDefined();
        expect(await store.getEvent('e2')).toBeUndefined();
      });

      it('filters by time range, route, method, client, subject, status and origin, combined with AND', async () => {
        const { store } = await fresh();
        await store.saveEvents([
          event(1, { time: 1000, route: '/users/{id}', status: 200, clientIp: '10.0.0.1' }),
          event(2, { time: 2000, route: '/users/{id}', status: 404, clientIp: '10.0.0.2' }),
          event(3, {
            time: 3000,
            route: '/orders',
            status: 500,
            identity: { subject: 'bob', method: 'jwt' },
          }),
          event(4, {
            time: 4000,
            path: '/unknown/path',
            status: 401,
            method: 'DELETE',
            origin: 'import:x.log',
          }),
          event(5, {
            time: 5000,
            route: '/users/{id}',
            status: 403,
            identity: { subject: 'bob', method: 'jwt' },
          }),
        ]);
        const ids = async (q: Parameters<Store['queryEvents']>[0]) =>
          (await store.queryEvents(q)).items.map((e) => e.id);
        expect(await ids({ from: 2000, to: 4000 })).toEqual(['e3', 'e2']);
        expect(await ids({ route: '/users/{id}' })).toEqual(['e5', 'e2', 'e1']);
        expect(await ids({ route: '/unknown/path' })).toEqual(['e4']);
        expect(await ids({ method: 'DELETE' })).toEqual(['e4']);
        expect(await ids({ clientIp: '10.0.0.2' })).toEqual(['e2']);
        expect(await ids({ subject: 'bob' })).toEqual(['e5', 'e3']);
        expect(await ids({ status: 500 })).toEqual(['e3']);
        expect(await ids({ status: { min: 400, max: 499 } })).toEqual(['e5', 'e4', 'e2']);
        expect(await ids({ origin: 'import:x.log' })).toEqual(['e4']);
        expect(await ids({ route: '/users/{id}', status: { min: 400, max: 499 }, from: 3000 })).toEqual([
          'e5',
        ]);
        expect(await ids({ route: '/nothing' })).toEqual([]);
      });

      it('pages newest first, every event exactly once, ties broken stably', async () => {
        const { store } = await fresh();
        // 250 events over 50 distinct timestamps: ties must neither repeat nor skip across page boundaries.
        const all = Array.from({ length: 250 }, (_, i) => event(i, { time: 10_000 + Math.floor(i / 5) }));
        await store.saveEvents(all);
        const seen: ApiEvent[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.queryEvents({ limit: 30, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== undefined);
        expect(pages).toBe(9);
        expect(new Set(seen.map((e) => e.id)).size).toBe(250);
        for (let i = 1; i < seen.length; i++) expect(seen[i]!.time).toBeLessThanOrEqual(seen[i - 1]!.time);
        const again = await store.queryEvents({ limit: 30 });
        expect(again.items.map((e) => e.id)).toEqual(seen.slice(0, 30).map((e) => e.id));
      });

      it('pages filtered queries without crossing into other routes', async () => {
        const { store } = await fresh();
        await store.saveEvents(
          Array.from({ length: 60 }, (_, i) =>
            event(i, { route: i % 3 === 0 ? '/a' : '/b', time: 1000 + i }),
          ),
        );
        const first = await store.queryEvents({ route: '/a', limit: 15 });
        expect(first.nextCursor).toBeDefined();
        const second = await store.queryEvents({
          route: '/a',
          limit: 15,
          cursor: first.nextCursor as string,
        });
        expect(second.nextCursor).toBeUndefined();
        expect([...first.items, ...second.items].map((e) => e.route)).toEqual(Array(20).fill('/a'));
      });

      it('refuses a cursor it did not make, and a nonsensical page size', async () => {
        const { store } = await fresh();
        await expect(store.queryEvents({ cursor: 'not-a-cursor' })).rejects.toSatisfy(
          (e: unknown) => isRampartError(e) && e.code === 'RAMPART_ERR_STORE_QUERY',
        );
        await expect(store.queryEvents({ limit: 0 })).rejects.toSatisfy(
          (e: unknown) => isRampartError(e) && e.code === 'RAMPART_ERR_STORE_QUERY',
        );
      });

      it('caps a page at 1,000 events', async () => {
        const { store } = await fresh();
        await store.saveEvents(Array.from({ length: 1005 }, (_, i) => event(i)));
        const page = await store.queryEvents({ limit: 5000 });
        expect(page.items).toHaveLength(1000);
        expect(page.nextCursor).toBeDefined();
      });

      it('counts calls per method and route, busiest first, with error counts and first/last seen', async () => {
        const { store } = await fresh();
        await store.saveEvents([
          event(1, { time: 100, route: '/users/{id}', status: 200 }),
          event(2, { time: 200, route: '/users/{id}', status: 404 }),
          event(3, { time: 300, route: '/users/{id}', status: 503 }),
          event(4, { time: 400, route: '/users/{id}', method: 'DELETE', status: 204 }),
          event(5, { time: 500, path: '/debug' }),
        ]);
        const counts = await store.countEventsByRoute();
        expect(counts[0]).toEqual({
          method: 'GET',
          route: '/users/{id}',
          count: 3,
          clientErrors: 1,
          serverErrors: 1,
          firstSeen: 100,
          lastSeen: 300,
        });
        expect(counts.map((c) => `${c.method} ${c.route}`).sort()).toEqual([
          'DELETE /users/{id}',
          'GET /debug',
          'GET /users/{id}',
        ]);
        const later = await store.countEventsByRoute({ from: 250 });
        expect(later.find((c) => c.method === 'GET' && c.route === '/users/{id}')?.count).toBe(1);
      });

      it('writes concurrent batches from many writers, all of them, each once', async () => {
        const { store } = await fresh();
        await Promise.all(
          Array.from({ length: 20 }, (_, w) =>
            store.saveEvents(Array.from({ length: 75 }, (_, i) => event(w * 1000 + i))),
          ),
        );
        expect(await countAll(store)).toBe(1500);
      });

      it('flushes buffered events on close, so reopening finds them', async () => {
        const { store, dir } = await fresh();
        const pending = store.saveEvents([event(1), event(2)]);
        await store.close();
        await pending;
        const { store: reopened } = await fresh({}, dir);
        expect(await countAll(reopened)).toBe(2);
      });

      it('refuses work after close with RAMPART_ERR_STORE_CLOSED', async () => {
        const { store } = await fresh();
        await store.close();
        await expect(store.saveEvents([event(1)])).rejects.toSatisfy(
          (e: unknown) => isRampartError(e) && e.code === 'RAMPART_ERR_STORE_CLOSED',
        );
        await expect(store.queryEvents()).rejects.toSatisfy(
          (e: unknown) => isRampartError(e) && e.code === 'RAMPART_ERR_STORE_CLOSED',
        );
        await store.close();
      });
    });

    describe('retention', () => {
      it('deletes events older than maxAgeMs and keeps recent ones', async () => {
        const now = Date.now();
        const { store } = await fresh({ retention: { maxAgeMs: 3_600_000 } });
        await store.saveEvents([
          event(1, { time: now - 2 * 86_400_000 }),
          event(2, { time: now - 7_200_000 }),
          event(3, { time: now - 60_000 }),
        ]);
        await store.enforceRetention();
        expect((await store.queryEvents()).items.map((e) => e.id)).toEqual(['e3']);
      });

      it('keeps at most maxEvents, deleting the oldest', async () => {
        const { store } = await fresh({ retention: { maxEvents: 40 } });
        await store.saveEvents(Array.from({ length: 100 }, (_, i) => event(i, { time: 5000 + i })));
        await store.enforceRetention();
        const page = await store.queryEvents({ limit: 1000 });
        expect(page.items).toHaveLength(40);
        expect(page.items.at(-1)?.id).toBe('e60');
      });

      it('brings the store under maxBytes by deleting the oldest events', async () => {
        const { store } = await fresh({ retention: { maxBytes: 512 * 1024 } });
        const big = { 'x-padding': 'p'.repeat(2000) };
        for (let b = 0; b < 5; b++) {
          await store.saveEvents(
            Array.from({ length: 200 }, (_, i) =>
              event(b * 200 + i, { time: 10_000 + b * 200 + i, responseHeaders: big }),
            ),
          );
        }
        await store.enforceRetention();
        const remaining = await countAll(store);
        expect(remaining).toBeGreaterThan(0);
        expect(remaining).toBeLessThan(400);
        const newest = await store.queryEvents({ limit: 1 });
        expect(newest.items[0]?.id).toBe('e999');
      });
    });

    describe('alerts', () => {
      it('upserts by key: one alert, merged first/last seen, never less severe, first id kept', async () => {
        const { store } = await fresh();
        await store.saveAlert(
          alert('a1', { key: 'k', firstSeen: 2000, lastSeen: 3000, severity: 'high', count: 3 }),
        );
        await store.saveAlert(
          alert('a2', { key: 'k', firstSeen: 2500, lastSeen: 5000, severity: 'medium', count: 9 }),
        );
        const page = await store.queryAlerts();
        expect(page.items).toHaveLength(1);
        expect(page.items[0]).toMatchObject({
          id: 'a1',
          key: 'k',
          firstSeen: 2000,
          lastSeen: 5000,
          severity: 'high',
          count: 9,
          status: 'open',
        });
      });

      it('closes and reopens alerts; new activity reopens a closed one', async () => {
        const { store } = await fresh();
        await store.saveAlert(alert('a1', { key: 'k1', lastSeen: 1000 }));
        await store.saveAlert(alert('a2', { key: 'k2', lastSeen: 2000 }));
        expect(await store.setAlertStatus('a1', 'closed')).toBe(true);
        expect(await store.setAlertStatus('missing', 'closed')).toBe(false);
        expect((await store.queryAlerts({ status: 'open' })).items.map((a) => a.id)).toEqual(['a2']);
        const closed = (await store.queryAlerts({ status: 'closed' })).items;
        expect(closed.map((a) => a.id)).toEqual(['a1']);
        expect(closed[0]?.closedAt).toBeTypeOf('number');
        // The same activity again does not reopen it; later activity does.
        await store.saveAlert(alert('a1', { key: 'k1', lastSeen: 1000 }));
        expect((await store.queryAlerts({ status: 'closed' })).items.map((a) => a.id)).toEqual(['a1']);
        await store.saveAlert(alert('a9', { key: 'k1', lastSeen: 9000 }));
        const reopened = (await store.queryAlerts({ status: 'open' })).items;
        expect(reopened.map((a) => a.id)).toEqual(['a1', 'a2']);
        expect(reopened[0]?.closedAt).toBeUndefined();
      });

      it('filters by minimum severity and detector, and pages most recent first', async () => {
        const { store } = await fresh();
        const severities: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
        for (let i = 0; i < 25; i++) {
          await store.saveAlert(
            alert(`a${String(i).padStart(2, '0')}`, {
              key: `k${i}`,
              lastSeen: 1000 + Math.floor(i / 2),
              severity: severities[i % 5] as Severity,
              detector: i % 2 ? 'scanning' : 'bola-enumeration',
            }),
          );
        }
        const high = (await store.queryAlerts({ minSeverity: 'high', limit: 100 })).items;
        expect(high).toHaveLength(10);
        expect(high.every((a) => a.severity === 'high' || a.severity === 'critical')).toBe(true);
        const scanning = (await store.queryAlerts({ detector: 'scanning', limit: 100 })).items;
        expect(scanning).toHaveLength(12);
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.queryAlerts({ limit: 7, ...(cursor ? { cursor } : {}) });
          ids.push(...page.items.map((a) => a.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(ids).toHaveLength(25);
        expect(new Set(ids).size).toBe(25);
        expect(ids[0]).toBe('a24');
      });
    });

    describe('findings', () => {
      it('keeps findings per run, most severe first, upserting by fingerprint', async () => {
        const { store } = await fresh();
        await store.saveFindings('run-1', [
          finding('rule-b', '/b', 'medium'),
          finding('rule-a', '/a', 'critical'),
          finding('rule-c', '/c', 'low'),
        ]);
        await store.saveFindings('run-2', [finding('rule-z', '/z', 'high')]);
        await store.saveFindings('run-1', [{ ...finding('rule-b', '/b', 'medium'), message: 'reworded' }]);
        const run1 = (await store.queryFindings({ runId: 'run-1' })).items;
        expect(run1.map((f) => f.ruleId)).toEqual(['rule-a', 'rule-b', 'rule-c']);
        expect(run1[1]?.message).toBe('reworded');
        expect((await store.queryFindings({ runId: 'run-1', minSeverity: 'medium' })).items).toHaveLength(2);
        expect((await store.queryFindings({ runId: 'run-2' })).items.map((f) => f.ruleId)).toEqual([
          'rule-z',
        ]);
        expect((await store.queryFindings({ runId: 'run-404' })).items).toEqual([]);
        const runs = await store.listFindingRuns();
        expect(runs.map((r) => [r.runId, r.findings]).sort()).toEqual([
          ['run-1', 3],
          ['run-2', 1],
        ]);
      });

      it('pages the findings of a large run without repeats', async () => {
        const { store } = await fresh();
        const severities: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
        await store.saveFindings(
          'big',
          Array.from({ length: 57 }, (_, i) =>
            finding(`rule-${i % 4}`, `/p${i}`, severities[i % 5] as Severity),
          ),
        );
        const seen: Finding[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.queryFindings({ runId: 'big', limit: 10, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen.map((f) => f.fingerprint)).size).toBe(57);
        expect(seen[0]?.severity).toBe('critical');
        expect(seen.at(-1)?.severity).toBe('info');
      });
    });

    const crash = options.crashChild;
    it.skipIf(crash === undefined)(
      'keeps every acknowledged batch when the writing process is killed mid-write',
      async () => {
        if (crash === undefined) return;
        const dir = await mkdtemp(join(tmpdir(), 'rampart-store-crash-'));
        dirs.push(dir);
        const acked = await runAndKill(crash.module, crash.exportName, crash.options(dir), 12);
        expect(acked).toBeGreaterThanOrEqual(12);
        const { store } = await fresh({}, dir);
        const ids = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await store.queryEvents({ limit: 1000, ...(cursor ? { cursor } : {}) });
          for (const e of page.items) ids.add(e.id);
          cursor = page.nextCursor;
        } while (cursor);
        // Every acknowledged batch is complete…
        for (let b = 0; b < acked; b++) {
          for (let i = 0; i < 50; i++) expect(ids.has(`crash-${b}-${i}`), `crash-${b}-${i}`).toBe(true);
        }
        // …and any batch present at all is complete (a batch is one transaction).
        const batches = new Map<string, number>();
        for (const id of ids) {
          const b = id.split('-')[1] as string;
          batches.set(b, (batches.get(b) ?? 0) + 1);
        }
        for (const [b, n] of batches) expect(n, `batch ${b}`).toBe(50);
      },
    );
  });
}

async function countAll(store: Store): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await store.queryEvents({ limit: 1000, ...(cursor ? { cursor } : {}) });
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

/** Starts the crash writer, SIGKILLs it once `minAcks` batches are acknowledged, and returns how many were. */
function runAndKill(
  module: string,
  exportName: string,
  storeOptions: unknown,
  minAcks: number,
): Promise<number> {
  const loader = fileURLToPath(new URL('./contract/register-ts-loader.mjs', import.meta.url));
  const writer = fileURLToPath(new URL('./contract/crash-writer.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', loader, writer, module, exportName, JSON.stringify(storeOptions)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let acked = 0;
    let stderr = '';
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) acked = Math.max(acked, Number(m[1]) + 1);
      }
      if (acked >= minAcks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`crash writer exited by itself (code ${_code}) after ${acked} acks: ${stderr}`));
    });
  });
}

/** A realistic event; overriding `path` without `route` makes one that matched no operation. */
function event(n: number, overrides: Partial<ApiEvent> = {}): ApiEvent {
  const base: ApiEvent = {
    id: `e${n}`,
    time: 1_000_000 + n,
    origin: 'gateway',
    host: 'api.example.com',
    method: 'GET',
    rawPath: `/users/${n}?fields=name`,
    path: `/users/${n}`,
    route: '/users/{id}',
    operationId: 'getUser',
    status: 200,
    latencyMs: 4.5,
    requestSize: 0,
    responseSize: 321,
    clientIp: '198.51.100.7',
    userAgent: 'contract-test/1.0',
    auth: 'success',
    verdict: 'allow',
    requestHeaders: { accept: 'application/json' },
    responseHeaders: { 'content-type': 'application/json' },
    ...overrides,
  };
  if (overrides.path !== undefined && overrides.route === undefined) {
    const { route: _route, operationId: _op, ...unrouted } = base;
    return unrouted;
  }
  return base;
}

function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    detector: 'bola-enumeration',
    title: 'Object ids enumerated',
    severity: 'high',
    owasp: 'API1',
    actor: { kind: 'ip', value: '203.0.113.5' },
    targets: ['GET /accounts/{id}'],
    firstSeen: 1000,
    lastSeen: 1000,
    count: 1,
    evidenceEventIds: ['e1'],
    key: `key-${id}`,
    ...overrides,
  };
}

function finding(ruleId: string, path: string, severity: Severity): Finding {
  const location = { method: 'GET', path };
  return {
    ruleId,
    source: 'audit',
    title: ruleId,
    message: `${ruleId} at ${path}`,
    severity,
    confidence: 'firm',
    owasp: 'API8',
    cwe: 16,
    location,
    remediation: 'fix it',
    fingerprint: fingerprintFinding({ ruleId, location }),
  };
}
