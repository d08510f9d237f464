// Detection quality of @rampart/monitor on generated, labelled traffic (issue #6, point 7).
//
//   npx tsc -b packages/monitor && node bench/monitor-eval.mjs [--seed 2] [--verbose]
//
// Thresholds were tuned on seed 1; report on other seeds. Prints precision, recall and detection latency
// (simulated time from attack start to the first alert) per detector, and writes bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadApiFromString } from '../packages/openapi/dist/index.js';
import {
  BANK_API_DESCRIPTION,
  createMonitor,
  DETECTORS,
  generateLabelledTraffic,
  scoreDetections,
} from '../packages/monitor/dist/index.js';

const args = process.argv.slice(2);
const seed = Number(args[args.indexOf('--seed') + 1] ?? 2) || 2;
const verbose = args.includes('--verbose');

const model = await loadApiFromString(BANK_API_DESCRIPTION, 'bank.json');
const traffic = generateLabelledTraffic({ seed });
const alerts = new Map();
const monitor = createMonitor({
  model,
  useEventTime: true,
  sinks: [
    {
      name: 'eval',
      send: (alert) => alerts.set(alert.id, alert),
      flush: async () => {},
      close: async () => {},
      stats: () => ({ sent: alerts.size, failed: 0, dropped: 0, queued: 0 }),
    },
  ],
});
const started = performance.now();
for (let i = 0; i < traffic.events.length; i += 500) monitor.ingest(traffic.events.slice(i, i + 500));
await monitor.close();
const elapsed = performance.now() - started;

const scores = scoreDetections(
  traffic,
  [...alerts.values()],
  DETECTORS.map((d) => d.id),
);
const minutes = (ms) => (ms / 60_000).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const attackers = new Set(traffic.attacks.map((a) => a.id)).size;
console.log(
  `seed ${seed}: ${traffic.events.length} events (${traffic.normalEvents} normal, ${traffic.events.length - traffic.normalEvents} attack, ${attackers} attacks), simulated ${minutes(traffic.events.at(-1).time - traffic.events[0].time)} min, ran in ${elapsed.toFixed(0)} ms`,
);
console.log('');
console.log(
  'detector             alerts   TP   FP  precision  attacks  detected  recall  latency median / max (min)',
);
for (const s of scores) {
  const lat =
    s.latenciesMs.length === 0
      ? '-'
      : `${minutes(median(s.latenciesMs))} / ${minutes(Math.max(...s.latenciesMs))}`;
  console.log(
    `${s.detector.padEnd(20)} ${String(s.alerts).padStart(6)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(4)}  ${s.precision.toFixed(3).padStart(9)}  ${String(s.attacks).padStart(7)}  ${String(s.detected).padStart(8)}  ${s.recall === undefined ? '     -' : s.recall.toFixed(2).padStart(6)}  ${lat}${s.alsoDetected.length > 0 ? `   (also: ${s.alsoDetected.join(', ')})` : ''}`,
  );
}
const total = scores.reduce((acc, s) => ({ alerts: acc.alerts + s.alerts, tp: acc.tp + s.truePositives }), {
  alerts: 0,
  tp: 0,
});
const meant = scores.reduce(
  (acc, s) => ({ attacks: acc.attacks + s.attacks, detected: acc.detected + s.detected }),
  { attacks: 0, detected: 0 },
);
console.log(
  `\nall detectors: ${total.alerts} alerts, precision ${(total.tp / Math.max(1, total.alerts)).toFixed(3)}, recall ${(meant.detected / meant.attacks).toFixed(2)} (${meant.detected}/${meant.attacks} attacks by their intended detector)`,
);
if (verbose) {
  for (const s of scores) {
    for (const a of s.falseAlerts) {
      console.log(
        `FP ${s.detector} ${a.actor.kind}:${a.actor.value} x${a.count} ${a.details?.summary ?? ''}`,
      );
    }
  }
  const detectedIds = new Set();
  for (const alert of alerts.values())
    for (const id of alert.evidenceEventIds)
      if (traffic.labels.has(id)) detectedIds.add(traffic.labels.get(id));
  for (const a of traffic.attacks)
    if (!detectedIds.has(a.id)) console.log(`MISSED ${a.id} (${a.events} events)`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL(`./results/monitor-eval-seed${seed}.json`, import.meta.url),
  `${JSON.stringify({ seed, events: traffic.events.length, attacks: traffic.attacks.length, scores: scores.map(({ falseAlerts, ...s }) => ({ ...s, falseAlertSummaries: falseAlerts.map((a) => a.details?.summary) })) }, null, 2)}\n`,
);
