import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { exfiltration } from './exfiltration.js';

const T0 = 1_700_000_000_000;
const call = (user: string, size: number, i: number): ApiEvent =>
  makeEvent({
    path: '/accounts/7/transactions',
    route: '/accounts/{id}/transactions',
    identity: { subject: user, method: 'jwt' },
    responseSize: size,
    time: T0 + i * 1000,
  });

describe('exfiltration', () => {
  it('fires on a response far above the endpoint’s and the caller’s usual size', () => {
    const baseline = Array.from({ length: 200 }, (_, i) => call(`user${i % 20}`, 8000 + (i % 7) * 500, i));
    const big = call('user3', 3 * 1024 * 1024, 201);
    const signals = runDetector(exfiltration, [...baseline, big]);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.eventIds).toEqual([big.id]);
    expect(signals[0]!.summary).toMatch(/3\.0 MiB/);
  });

  it('fires on cumulative volume far above the average caller', () => {
    const others = Array.from({ length: 300 }, (_, i) => call(`user${i % 30}`, 20_000, i));
    const hoarder = Array.from({ length: 80 }, (_, i) => call('mallory', 900_000, 300 + i));
    const signals = runDetector(exfiltration, [...others, ...hoarder]);
    expect(signals.some((s) => s.targetClass === 'volume' && s.actor.value === 'mallory')).toBe(true);
  });

  it('stays quiet when an endpoint is naturally large and variable', () => {
    const events = Array.from({ length: 500 }, (_, i) =>
      call(`user${i % 25}`, 200_000 + ((i * 7919) % 10) * 150_000, i),
    );
    expect(runDetector(exfiltration, events)).toEqual([]);
  });
});
