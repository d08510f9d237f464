import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { credentialStuffing } from './credential-stuffing.js';

const T0 = 1_700_000_000_000;
const login = (username: string, status: number, i: number, extra: Partial<ApiEvent> = {}) =>
  makeEvent({
    method: 'POST',
    path: '/auth/login',
    route: '/auth/login',
    status,
    time: T0 + i * 1000,
    clientIp: '203.0.113.9',
    requestBody: {
      contentType: 'application/json',
      text: `{"username":"${username}","password":"[redacted]"}`,
      truncated: false,
      size: 60,
    },
    ...extra,
  });

describe('credential-stuffing', () => {
  it('fires on one address trying many usernames that mostly fail, and flags a later success as takeover', () => {
    const events = Array.from({ length: 30 }, (_, i) => login(`user${i}@example.com`, 401, i));
    events.push(login('user99@example.com', 200, 31));
    const signals = runDetector(credentialStuffing, events);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals[0]!.actor).toEqual({ kind: 'ip', value: '203.0.113.9' });
    expect(signals[0]!.summary).toMatch(/credential stuffing|password spraying/);
    const takeover = signals.at(-1)!;
    expect(takeover.severity).toBe('critical');
    expect(takeover.targetClass).toBe('account-takeover');
  });

  it('calls a slow run of one attempt per username password spraying', () => {
    const events = Array.from({ length: 12 }, (_, i) => login(`staff${i}`, 401, i * 40));
    const signals = runDetector(credentialStuffing, events);
    expect(signals.at(-1)!.summary).toMatch(/password spraying/);
  });

  it('fires on brute force against one account, and reports the account without making it blockable', () => {
    const events = Array.from({ length: 25 }, (_, i) => login('alice', 401, i));
    const signals = runDetector(credentialStuffing, events);
    expect(signals.some((s) => s.summary.startsWith('brute force'))).toBe(true);
    const account = signals.find((s) => s.targetClass === 'account-under-attack');
    expect(account?.actor).toEqual({ kind: 'principal', value: 'alice' });
    expect(account?.blockable).toBe(false);
  });

  it('stays quiet for an office behind one address where people log in and sometimes mistype', () => {
    const events: ApiEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const user = `employee${i}`;
      if (i % 6 === 0) events.push(login(user, 401, i * 10));
      events.push(login(user, 200, i * 10 + 3));
    }
    expect(runDetector(credentialStuffing, events)).toEqual([]);
  });

  it('ignores failures on routes that are not logins', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      login(`u${i}`, 401, i, { path: '/accounts', route: '/accounts' }),
    );
    expect(runDetector(credentialStuffing, events)).toEqual([]);
  });
});
