import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Blocklist } from '@rampart/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const KEY = 'rk_test_blocklist_0123456789abcdef0123';

/** A Blocklist as the monitor would feed it, in memory. */
function memoryBlocklist(): Blocklist & { readonly lookups: string[]; fail: boolean } {
  const until = new Map<string, number>();
  const state = { lookups: [] as string[], fail: false };
  return {
    get lookups() {
      return state.lookups;
    },
    get fail() {
      return state.fail;
    },
    set fail(value: boolean) {
      state.fail = value;
    },
    async add(actor, ttlMs) {
      until.set(actor, Date.now() + ttlMs);
    },
    async has(actor) {
      if (state.fail) throw new Error('blocklist store unreachable');
      state.lookups.push(actor);
      return (until.get(actor) ?? 0) > Date.now();
    },
    async remove(actor) {
      until.delete(actor);
    },
  };
}

let upstream: TestUpstream;
let events: EventCollector;
let dir: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  dir = mkdtempSync(join(tmpdir(), 'rampart-ip-'));
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Record<string, unknown>) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    // The test client is the trusted proxy, so X-Forwarded-For sets the client address.
    trustedProxies: ['127.0.0.1'],
    eventSink: events.sink,
    ...options,
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function from(base: string, ip: string, headers: Record<string, string> = {}) {
  const res = await request(`${base}/x`, { headers: { 'x-forwarded-for': ip, ...headers } });
  await res.body.dump();
  return { status: res.statusCode, id: String(res.headers['x-request-id']) };
}

describe('ip-filter policy', () => {
  it('applies deny and allow lists, IPv4 and IPv6', async () => {
    const base = await start({
      policies: {
        'ip-filter': {
          allow: ['198.51.100.0/24', '2001:db8::/32'],
          deny: ['198.51.100.66', '2001:db8:bad::/48'],
        },
      },
    });
    expect((await from(base, '198.51.100.7')).status).toBe(200);
    expect((await from(base, '2001:db8::7')).status).toBe(200);
    const denied = await from(base, '198.51.100.66');
    expect(denied.status).toBe(403);
    expect((await events.waitFor((e) => e.id === denied.id)).deniedBy).toEqual({
      policy: 'ip-filter',
      reason: 'client 198.51.100.66 is in ip-filter.deny',
    });
    expect((await from(base, '2001:db8:bad::1')).status).toBe(403);
    expect((await from(base, '203.0.113.9')).status).toBe(403);
  });

  it('refuses Tor exit nodes from a file and picks up changes', async () => {
    const file = join(dir, 'tor-exits.txt');
    writeFileSync(file, '# exit nodes\n203.0.113.10\n2001:db8::10\n');
    const base = await start({ policies: { 'ip-filter': { torExitNodes: { file, watchIntervalMs: 20 } } } });
    expect((await from(base, '203.0.113.10')).status).toBe(403);
    expect((await from(base, '2001:db8:0:0::10')).status).toBe(403); // another spelling of the same address
    expect((await from(base, '203.0.113.11')).status).toBe(200);
    writeFileSync(file, '203.0.113.11\n');
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await from(base, '203.0.113.11')).status;
    }
    expect(status).toBe(403);
    expect((await from(base, '203.0.113.10')).status).toBe(200);
  });

  it('reports invalid ranges', () => {
    expect(() =>
      createGateway({
        upstreams: ['http://127.0.0.1:1'],
        adminListen: false,
        policies: { 'ip-filter': { deny: ['10.0.0.0/33'] } },
      }),
    ).toThrowError(/policies\.ip-filter\.deny.*invalid prefix length/);
  });
});

describe('blocklist policy', () => {
  it('refuses actors the monitor blocklisted: address, principal, API key and credential', async () => {
    const blocklist = memoryBlocklist();
    const base = await start({
      blocklist,
      policies: {
        'api-key': { keys: [{ id: 'partner-x', sha256: createHash('sha256').update(KEY).digest('hex') }] },
      },
    });
    const withKey = { 'x-api-key': KEY };
    expect((await from(base, '198.51.100.1', withKey)).status).toBe(200);
    expect(blocklist.lookups).toEqual([
      'ip:198.51.100.1',
      'principal:partner-x',
      `credential:${createHash('sha256').update(KEY).digest('hex').slice(0, 16)}`,
      'api-key:partner-x',
    ]);
    await blocklist.add('ip:198.51.100.2', 60_000, 'scanning');
    expect((await from(base, '198.51.100.2', withKey)).status).toBe(403);
    await blocklist.add('principal:partner-x', 60_000, 'credential stuffing');
    const refused = await from(base, '198.51.100.1', withKey);
    expect(refused.status).toBe(403);
    expect((await events.waitFor((e) => e.id === refused.id)).deniedBy?.reason).toBe(
      'blocklisted actor principal:partner-x',
    );
    await blocklist.remove('principal:partner-x');
    expect((await from(base, '198.51.100.1', withKey)).status).toBe(200);
  });

  it('fails open by default when the blocklist cannot be read, closed when configured', async () => {
    const blocklist = memoryBlocklist();
    const open = await start({ blocklist });
    const closed = await start({ blocklist, policies: { blocklist: { failMode: 'closed' } } });
    blocklist.fail = true;
    expect((await from(open, '198.51.100.3')).status).toBe(200);
    expect((await from(closed, '198.51.100.3')).status).toBe(503);
  });
});
