import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { scanning } from './scanning.js';

const T0 = 1_700_000_000_000;
const PROBES = [
  '/.env',
  '/admin',
  '/wp-login.php',
  '/.git/config',
  '/server-status',
  '/actuator',
  '/phpinfo.php',
];

describe('scanning', () => {
  it('fires on a burst of errors over many paths, and on forced browsing', () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      makeEvent({
        path: `${PROBES[i % PROBES.length]}${i}`,
        status: i % 5 === 0 ? 403 : 404,
        time: T0 + i * 500,
      }),
    );
    const signals = runDetector(scanning, events);
    expect(signals.some((s) => s.targetClass === 'error-burst')).toBe(true);
    expect(signals.some((s) => s.targetClass === 'forced-browsing')).toBe(true);
  });

  it('stays quiet for a client retrying one broken link', () => {
    const events = Array.from({ length: 100 }, (_, i) =>
      makeEvent({ path: '/static/missing-logo.png', status: 404, time: T0 + i * 500 }),
    );
    expect(runDetector(scanning, events)).toEqual([]);
  });

  it('stays quiet for a busy user with a few mistakes among many good calls', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      makeEvent({
        path: i % 20 === 0 ? `/orders/${i}` : '/orders',
        status: i % 20 === 0 ? 404 : 200,
        time: T0 + i * 300,
      }),
    );
    expect(runDetector(scanning, events)).toEqual([]);
  });
});
