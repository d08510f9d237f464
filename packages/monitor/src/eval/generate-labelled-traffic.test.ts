import type { Alert } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { createMonitor } from '../create-monitor.js';
import { BANK_API_DESCRIPTION } from './bank-api-description.js';
import { EXPECTED_DETECTOR, generateLabelledTraffic } from './generate-labelled-traffic.js';
import { scoreDetections } from './score-detections.js';

const small = { users: 60, powerUsers: 2, officeUsers: 10, durationMs: 60 * 60_000 } as const;

describe('generateLabelledTraffic', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateLabelledTraffic({ seed: 7, ...small });
    const b = generateLabelledTraffic({ seed: 7, ...small });
    const c = generateLabelledTraffic({ seed: 8, ...small });
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it('labels exactly the attack events, sorted by time, one instance per requested attack', () => {
    const traffic = generateLabelledTraffic({ seed: 7, ...small });
    const times = traffic.events.map((e) => e.time);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(traffic.labels.size + traffic.normalEvents).toBe(traffic.events.length);
    const kinds = new Set(traffic.attacks.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(Object.keys(EXPECTED_DETECTOR).sort());
    for (const attack of traffic.attacks) {
      const mine = traffic.events.filter((e) => traffic.labels.get(e.id) === attack.id);
      expect(mine.length).toBe(attack.events);
      expect(mine[0]!.time).toBe(Math.round(attack.start));
    }
    // No credentials in events: passwords only ever appear redacted.
    expect(traffic.events.some((e) => /"password":"(?!\[redacted\])/.test(e.requestBody?.text ?? ''))).toBe(
      false,
    );
  });
});

describe('scoreDetections', () => {
  it('scores the monitor on generated traffic: every attack found by its detector, no false alerts', async () => {
    const model = await loadApiFromString(BANK_API_DESCRIPTION, 'bank.json');
    const traffic = generateLabelledTraffic({ seed: 11, ...small });
    const alerts = new Map<string, Alert>();
    const monitor = createMonitor({
      model,
      useEventTime: true,
      sinks: [
        {
          name: 'test',
          send: (alert) => void alerts.set(alert.id, alert),
          flush: async () => {},
          close: async () => {},
          stats: () => ({ sent: 0, failed: 0, dropped: 0, queued: 0 }),
        },
      ],
    });
    monitor.ingest(traffic.events);
    await monitor.close();
    const scores = scoreDetections(traffic, [...alerts.values()], Object.values(EXPECTED_DETECTOR));
    for (const score of scores) {
      expect({ detector: score.detector, recall: score.recall }).toEqual({
        detector: score.detector,
        recall: 1,
      });
      expect({ detector: score.detector, falsePositives: score.falsePositives }).toEqual({
        detector: score.detector,
        falsePositives: 0,
      });
    }
  });
});
