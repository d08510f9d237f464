import type { Alert } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { createMonitor } from './create-monitor.js';
import { defineDetector } from './define-detector.js';
import { makeEvent } from './make-event.fixture.js';
import { NO_SIGNALS } from './no-signals.js';
import { createMemoryBlocklist } from './response/create-memory-blocklist.js';
import { createResponder } from './response/create-responder.js';
import type { AlertChange, AlertSink } from './sinks/alert-sink.js';

/** Fires on every event whose path starts with /bad, per actor. */
const badPath = defineDetector<{ severityFrom: number }>({
  id: 'bad-path',
  title: 'Bad path',
  severity: 'high',
  owasp: 'API8',
  cwe: 20,
  description: 'Test detector: fires on paths that start with /bad.',
  defaults: { severityFrom: 1000 },
  create: ({ options }) => ({
    observe(event) {
      if (!event.path.startsWith('/bad')) return NO_SIGNALS;
      return [
        {
          actor: { kind: 'ip', value: event.clientIp },
          target: event.path,
          targetClass: 'bad',
          severity: event.responseSize >= options.severityFrom ? 'critical' : 'high',
          summary: `bad path ${event.path}`,
          eventIds: [event.id],
        },
      ];
    },
  }),
});

const throwing = defineDetector({
  id: 'throws',
  title: 'Throws',
  severity: 'low',
  owasp: 'API8',
  cwe: 20,
  description: 'Test detector that always throws.',
  defaults: {},
  create: () => ({
    observe() {
      throw new Error('boom');
    },
  }),
});

function memorySink(): AlertSink & { received: { alert: Alert; change: AlertChange }[] } {
  const received: { alert: Alert; change: AlertChange }[] = [];
  return {
    name: 'memory',
    received,
    send: (alert, change) => void received.push({ alert, change }),
    flush: async () => {},
    close: async () => {},
    stats: () => ({ sent: received.length, failed: 0, dropped: 0, queued: 0 }),
  };
}

const T0 = 1_700_000_000_000;

describe('createMonitor', () => {
  it('merges repeated signals into one alert and publishes growth at most every update interval', async () => {
    const sink = memorySink();
    const monitor = createMonitor({
      detectors: [badPath],
      sinks: [sink],
      useEventTime: true,
      limits: { updateIntervalMs: 60_000, maxEvidence: 4 },
    });
    monitor.ingest(
      Array.from({ length: 50 }, (_, i) => makeEvent({ path: `/bad/${i}`, time: T0 + i * 1000 })),
    );
    expect(sink.received.map((r) => r.change)).toEqual(['opened']);
    monitor.ingest([makeEvent({ path: '/bad/x', time: T0 + 61_000 })]);
    expect(sink.received.map((r) => r.change)).toEqual(['opened', 'updated']);
    const updated = sink.received[1]!.alert;
    expect(updated.count).toBe(51);
    expect(updated.firstSeen).toBe(T0);
    expect(updated.lastSeen).toBe(T0 + 61_000);
    expect(updated.evidenceEventIds).toHaveLength(4);
    expect(updated.targets.length).toBeLessThanOrEqual(10);
    expect(updated.id).toBe(sink.received[0]!.alert.id);
    expect(monitor.stats()).toMatchObject({ events: 51, signals: 51, alertsOpened: 1, openAlerts: 1 });
  });

  it('publishes at once when severity rises, and re-opens after a quiet period', () => {
    const sink = memorySink();
    const monitor = createMonitor({ detectors: [badPath], sinks: [sink], useEventTime: true });
    monitor.ingest([
      makeEvent({ path: '/bad', time: T0 }),
      makeEvent({ path: '/bad', time: T0 + 1, responseSize: 5000 }),
      makeEvent({ path: '/bad', time: T0 + 16 * 60_000 + 2 }),
    ]);
    expect(sink.received.map((r) => [r.change, r.alert.severity])).toEqual([
      ['opened', 'high'],
      ['updated', 'critical'],
      ['opened', 'high'],
    ]);
    expect(sink.received[2]!.alert.id).not.toBe(sink.received[0]!.alert.id);
  });

  it('keeps actors apart', () => {
    const sink = memorySink();
    const monitor = createMonitor({ detectors: [badPath], sinks: [sink] });
    monitor.ingest([
      makeEvent({ path: '/bad', clientIp: '192.0.2.1' }),
      makeEvent({ path: '/bad', clientIp: '192.0.2.2' }),
    ]);
    expect(sink.received.map((r) => r.alert.actor.value)).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('survives a throwing detector and counts the error', () => {
    const sink = memorySink();
    const errors: string[] = [];
    const monitor = createMonitor({
      detectors: [throwing, badPath],
      sinks: [sink],
      onError: (_, where) => errors.push(where),
    });
    monitor.ingest([makeEvent({ path: '/bad' })]);
    expect(sink.received).toHaveLength(1);
    expect(monitor.stats().detectorErrors).toBe(1);
    expect(errors).toEqual(['detector throws']);
  });

  it('blocks the actor of a high alert through the responder', async () => {
    const blocklist = createMemoryBlocklist();
    const monitor = createMonitor({
      detectors: [badPath],
      responder: createResponder({ blocklist, ttlMs: 60_000 }),
    });
    monitor.ingest([makeEvent({ path: '/bad', clientIp: '203.0.113.66' })]);
    await monitor.flush();
    expect(await blocklist.has('ip:203.0.113.66')).toBe(true);
    expect(monitor.stats().responses.blocked).toBe(1);
  });

  it('rejects unknown detectors, unknown options and options of the wrong type', () => {
    expect(() => createMonitor({ detectors: [badPath], detectorOptions: { nope: {} } })).toThrow(
      /unknown detector "nope"/,
    );
    expect(() =>
      createMonitor({ detectors: [badPath], detectorOptions: { 'bad-path': { severty: 1 } } }),
    ).toThrow(/unknown option "severty"/);
    expect(() =>
      createMonitor({ detectors: [badPath], detectorOptions: { 'bad-path': { severityFrom: '1' } } }),
    ).toThrow(/must be a number/);
    expect(() => createMonitor({ limits: { maxOpenAlerts: 0 } })).toThrow(TypeError);
  });

  it('refuses to ingest after close', async () => {
    const monitor = createMonitor({ detectors: [badPath] });
    await monitor.close();
    expect(() => monitor.ingest([makeEvent()])).toThrow(/after close/);
  });

  it('runs the built-in detectors end to end on an attack', async () => {
    const sink = memorySink();
    const monitor = createMonitor({ sinks: [sink], useEventTime: true });
    monitor.ingest([
      makeEvent({ rawPath: "/items?id=1'%20UNION%20SELECT%20password%20FROM%20users--", path: '/items' }),
    ]);
    await monitor.close();
    expect(sink.received[0]!.alert).toMatchObject({ detector: 'injection', actor: { kind: 'ip' } });
  });
});
