#!/usr/bin/env node
// Write throughput of the SQLite store with the BUILT packages (run `npx tsc -b packages/store` first).
// Writes N realistic events through createSqliteStore as a collector would (many concurrent saveEvents calls of
// a sensor-sized batch), and beside it, in the same run, two references on the same machine and disk:
//   - unbatched: the same store with batch.maxEvents = 1 (one transaction per saveEvents call of one event);
//   - raw: better-sqlite3 inserting the already-serialized rows into the same schema, 1,000 rows per transaction
//     (the ceiling: no redaction, no JSON, no promises).
// Rates are given per wall second and per CPU second of this process (the latter is what one idle core would do,
// and is steadier on a shared machine; fsync and disk waits do not show in it).
// Usage: node bench/store-write.mjs [--events 200000] [--batch 500] [--concurrency 8]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, prepareStoredEvent } from '../packages/store/dist/index.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const total = opt('--events', 200_000);
const batchSize = opt('--batch', 500);
const concurrency = opt('--concurrency', 8);
const unbatchedTotal = Math.min(total, 20_000);

const routes = ['/users/{id}', '/orders/{id}', '/orders', '/login', '/products', '/carts/{id}/items'];
function makeEvent(i) {
  const route = routes[i % routes.length];
  return {
    id: `bench-${i}`,
    time: 1_700_000_000_000 + i,
    origin: 'sensor:bench',
    host: 'api.example.com',
    method: i % 5 === 0 ? 'POST' : 'GET',
    rawPath: `${route.replace(/\{id\}/g, String(i % 9973))}?page=${i % 7}`,
    path: route.replace(/\{id\}/g, String(i % 9973)),
    route,
    status: i % 50 === 0 ? 404 : 200,
    latencyMs: (i % 97) / 3,
    requestSize: 200,
    responseSize: 1500 + (i % 300),
    clientIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
    identity: { subject: `user-${i % 5000}`, method: 'jwt' },
    auth: 'success',
    verdict: 'allow',
    requestHeaders: {
      accept: 'application/json',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) bench',
      authorization: 'Bearer [redacted]',
    },
    responseHeaders: { 'content-type': 'application/json', 'content-length': '1500' },
  };
}

const events = Array.from({ length: total }, (_, i) => makeEvent(i));
const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-store-'));

async function runStore(name, list, storeOptions, size) {
  const path = join(dir, `${name}.db`);
  const store = createSqliteStore({ path, ...storeOptions });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  async function worker() {
    while (next < list.length) {
      const chunk = list.slice(next, next + size);
      next += size;
      await store.saveEvents(chunk);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  await store.close();
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  return {
    name,
    events: list.length,
    seconds,
    perSecond: list.length / seconds,
    perCpuSecond: list.length / cpuSeconds,
    bytes: statSync(path).size,
  };
}

function runRaw(list) {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const Database = require('better-sqlite3');
  const path = join(dir, 'raw.db');
  // Same schema and pragmas as the store (created by opening it once).
  createSqliteStore({ path }).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const rows = list.map((e) => prepareStoredEvent(e, undefined));
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (id, time, origin, method, route, status, client_ip, subject, data, sealed, key_id)
     VALUES (@id, @time, @origin, @method, @route, @status, @clientIp, @subject, @data, @sealed, @keyId)`,
  );
  const tx = db.transaction((chunk) => {
    for (const r of chunk) insert.run(r);
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1000) tx(rows.slice(i, i + 1000));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  db.close();
  return {
    name: 'raw better-sqlite3 (ceiling)',
    events: list.length,
    seconds,
    perSecond: list.length / seconds,
    perCpuSecond: list.length / cpuSeconds,
  };
}

/** CPU seconds (user + system) used by this process since `start`. */
function cpuSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

try {
  const batched = await runStore('batched', events, {}, batchSize);
  const unbatched = await runStore(
    'unbatched',
    events.slice(0, unbatchedTotal),
    { batch: { maxEvents: 1 } },
    1,
  );
  const raw = runRaw(events);
  for (const r of [batched, unbatched, raw]) {
    console.log(
      `${r.name.padEnd(30)} ${String(r.events).padStart(8)} events  ${r.seconds.toFixed(2).padStart(7)} s  ` +
        `${Math.round(r.perSecond).toLocaleString('en-US').padStart(9)} events/s wall ` +
        `${Math.round(r.perCpuSecond).toLocaleString('en-US').padStart(9)} events/CPU-s` +
        (r.bytes ? `  ${(r.bytes / r.events).toFixed(0)} bytes/event on disk` : ''),
    );
  }
  console.log(
    `batched / unbatched: ${(batched.perSecond / unbatched.perSecond).toFixed(1)}x wall, ` +
      `${(batched.perCpuSecond / unbatched.perCpuSecond).toFixed(1)}x CPU; ` +
      `batched / raw ceiling: ${(batched.perSecond / raw.perSecond).toFixed(2)} wall, ` +
      `${(batched.perCpuSecond / raw.perCpuSecond).toFixed(2)} CPU`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
