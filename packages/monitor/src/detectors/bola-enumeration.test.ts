import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { bolaEnumeration } from './bola-enumeration.js';

const T0 = 1_700_000_000_000;
const alice = { subject: 'alice', method: 'jwt' as const };

const read = (id: string, i: number, status: number, extra: Partial<ApiEvent> = {}) =>
  makeEvent({
    path: `/accounts/${id}`,
    route: '/accounts/{accountId}',
    identity: alice,
    auth: 'success',
    status,
    time: T0 + i * 2000,
    ...extra,
  });

describe('bola-enumeration', () => {
  it('fires on a principal walking consecutive account ids, mostly refused', () => {
    const events = Array.from({ length: 40 }, (_, i) => read(String(1000 + i), i, i % 5 === 0 ? 200 : 403));
    const signals = runDetector(bolaEnumeration, events);
    expect(signals.length).toBeGreaterThan(0);
    expect(signals[0]!.actor).toEqual({ kind: 'principal', value: 'alice' });
    expect(signals[0]!.target).toBe('GET /accounts/{accountId}');
    expect(signals[0]!.summary).toMatch(/distinct ids/);
    // It fires once the evidence is there, not at the first request.
    expect(events.findIndex((e) => e.id === signals[0]!.eventIds[0])).toBeGreaterThanOrEqual(24);
  });

  it('fires on successful reads of ids the principal was never given (ownership)', () => {
    const list = makeEvent({
      path: '/accounts',
      route: '/accounts',
      identity: alice,
      auth: 'success',
      time: T0,
      responseBody: { text: '[{"id":"A-71"},{"id":"A-72"}]', truncated: false, size: 30 },
    });
    const ids = ['Q-11', 'Z-93', 'K-27', 'M-55', 'P-18', 'R-33', 'T-40', 'W-61', 'X-12', 'Y-99', 'B-21'];
    const events = [list, ...ids.map((id, i) => read(id, i + 1, 200))];
    const signals = runDetector(bolaEnumeration, events);
    expect(signals).toHaveLength(2);
    expect(signals[0]!.severity).toBe('critical');
    expect(signals[0]!.details?.['unownedIds']).toBe(10);
  });

  it('stays quiet for a power user reading many of its own accounts', () => {
    const owned = Array.from({ length: 120 }, (_, i) => `{"id":"${5000 + i * 7}"}`).join(',');
    const list = makeEvent({
      path: '/accounts',
      route: '/accounts',
      identity: alice,
      auth: 'success',
      time: T0,
      responseBody: { text: `[${owned}]`, truncated: false, size: owned.length },
    });
    const reads = Array.from({ length: 120 }, (_, i) => read(String(5000 + i * 7), i + 1, 200));
    expect(runDetector(bolaEnumeration, [list, ...reads])).toEqual([]);
  });

  it('stays quiet for a shopper browsing many catalogue items that all exist', () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      makeEvent({ path: `/products/${(i * 7919) % 5000}`, route: '/products/{id}', time: T0 + i * 5000 }),
    );
    expect(runDetector(bolaEnumeration, events)).toEqual([]);
  });

  it('keeps principals apart: many users reading one account each is not enumeration', () => {
    const events = Array.from({ length: 200 }, (_, i) =>
      read(String(1000 + i), i, 404, { identity: { subject: `user${i}`, method: 'jwt' } }),
    );
    expect(runDetector(bolaEnumeration, events)).toEqual([]);
  });
});
