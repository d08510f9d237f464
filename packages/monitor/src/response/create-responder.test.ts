import type { Alert } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { createActorAllowlist } from './create-actor-allowlist.js';
import { createMemoryBlocklist } from './create-memory-blocklist.js';
import { createResponder } from './create-responder.js';

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  detector: 'scanning',
  title: 'Scanning',
  severity: 'high',
  actor: { kind: 'ip', value: '203.0.113.5' },
  targets: ['/admin'],
  firstSeen: 0,
  lastSeen: 0,
  count: 1,
  evidenceEventIds: [],
  key: 'k',
  details: { summary: 'probe' },
  ...overrides,
});

describe('createResponder', () => {
  it('blocks the actor with a TTL, and the block lapses', async () => {
    let now = 1000;
    const blocklist = createMemoryBlocklist({ clock: () => now });
    const responder = createResponder({ blocklist, ttlMs: 60_000, clock: () => now });
    expect(await responder.respond(alert())).toEqual({
      action: 'blocked',
      entry: 'ip:203.0.113.5',
      until: 61_000,
    });
    expect(blocklist.entries()[0]!.reason).toMatch(/^scanning \(alert a1\): probe/);
    now = 60_999;
    expect(await blocklist.has('ip:203.0.113.5')).toBe(true);
    now = 61_000;
    expect(await blocklist.has('ip:203.0.113.5')).toBe(false);
  });

  it.each([
    ['below the severity threshold', alert({ severity: 'medium' }), /below high/],
    ['loopback', alert({ actor: { kind: 'ip', value: '127.0.0.1' } }), /allowlisted/],
    ['IPv6 loopback', alert({ actor: { kind: 'ip', value: '::1' } }), /allowlisted/],
    ['an allowlisted CIDR', alert({ actor: { kind: 'ip', value: '10.1.2.3' } }), /allowlisted/],
    [
      'an IPv4-mapped allowlisted address',
      alert({ actor: { kind: 'ip', value: '::ffff:10.1.2.3' } }),
      /allowlisted/,
    ],
    [
      'an allowlisted principal',
      alert({ actor: { kind: 'principal', value: 'health-checker' } }),
      /allowlisted/,
    ],
    ['a victim (not blockable)', alert({ details: { blockable: false } }), /not blockable/],
  ])('never blocks %s', async (_, input, reason) => {
    const blocklist = createMemoryBlocklist();
    const responder = createResponder({ blocklist, allowlist: ['10.0.0.0/8', 'principal:health-checker'] });
    const action = await responder.respond(input);
    expect(action.action).toBe('skipped');
    expect(action.reason).toMatch(reason);
    expect(blocklist.size).toBe(0);
  });

  it('rejects malformed allowlist entries, naming them', () => {
    expect(() => createActorAllowlist(['10.0.0.0/33', 'ok', 'not valid'])).toThrow(
      /"10.0.0.0\/33", "not valid"/,
    );
  });
});

describe('createMemoryBlocklist', () => {
  it('extends a block to the later expiry and stays within its capacity', async () => {
    let now = 0;
    const blocklist = createMemoryBlocklist({ clock: () => now, maxEntries: 2 });
    await blocklist.add('ip:1.1.1.1', 100, 'a');
    await blocklist.add('ip:1.1.1.1', 10, 'b');
    expect(blocklist.entries()).toEqual([{ actor: 'ip:1.1.1.1', until: 100, reason: 'b' }]);
    await blocklist.add('ip:2.2.2.2', 100, 'c');
    await blocklist.add('ip:3.3.3.3', 100, 'd');
    expect(blocklist.size).toBe(2);
    expect(blocklist.hasSync('ip:3.3.3.3')).toBe(true);
    await blocklist.remove('ip:3.3.3.3');
    expect(blocklist.hasSync('ip:3.3.3.3')).toBe(false);
    now = 100;
    expect(blocklist.size).toBe(0);
    await expect(blocklist.add('', 10, 'x')).rejects.toThrow(TypeError);
  });
});
