// CPU cost of each built-in detector of @rampart/monitor, in µs per event, on the same generated bank/shop traffic
// as monitor-throughput.mjs (issue #6).
//
//   npx tsc -b packages/monitor && node --expose-gc bench/monitor-detector-cost.mjs [--reps 3] [--rounds 3]
//
// For each detector: a monitor running that detector alone ingests `reps` repetitions of the traffic (shifted times
// and ids; the first repetition is warm-up), and the process CPU time per event is measured; the reference is a
// monitor with no detectors at all (pipeline, clock and batching), measured in the same rounds. A detector's cost is
// its time minus the reference. Route resolution (memoized per event) is shared by the detectors of the full
// pipeline but paid by each detector alone here, so it is also measured on its own ("(route resolution)", a
// pseudo-detector that only resolves the route); the "all" row is the real pipeline. Median of `rounds` rounds.
import { loadApiFromString } from '../packages/openapi/dist/index.js';
import {
  BANK_API_DESCRIPTION,
  createMonitor,
  DETECTORS,
  defineDetector,
  generateLabelledTraffic,
} from '../packages/monitor/dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const reps = option('--reps', 3);
const rounds = option('--rounds', 3);
const gc = globalThis.gc ?? (() => {});
const model = await loadApiFromString(BANK_API_DESCRIPTION, 'bank.json');

const traffic = generateLabelledTraffic({ seed: 3 });
const span = traffic.events.at(-1).time - traffic.events[0].time + 60_000;
const stream = [];
for (let r = 0; r < reps; r++) {
  for (const e of traffic.events) stream.push({ ...e, id: `${e.id}r${r}`, time: e.time + r * span });
}
const warm = traffic.events.length;
const measured = stream.length - warm;

/** CPU µs per event for a monitor running `detectors`, over the measured part of the stream. */
function cost(detectors) {
  const monitor = createMonitor({ model, useEventTime: true, detectors });
  for (let i = 0; i < warm; i += 100) monitor.ingest(stream.slice(i, i + 100));
  gc();
  const batches = [];
  for (let i = warm; i < stream.length; i += 100) batches.push(stream.slice(i, i + 100));
  const start = process.cpuUsage();
  for (const batch of batches) monitor.ingest(batch);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / measured;
}

const routeOnly = defineDetector({
  id: 'route-resolution',
  title: 'Route resolution only',
  severity: 'info',
  owasp: 'API9',
  cwe: 1059,
  description: 'Resolves each event route and reports nothing (benchmark reference).',
  defaults: {},
  create: ({ routes }) => ({
    observe(event) {
      routes.resolve(event);
      return [];
    },
  }),
});
const rows = [
  ['(no detectors)', []],
  ['(route resolution)', [routeOnly]],
  ...DETECTORS.map((d) => [d.id, [d]]),
  ['all', DETECTORS],
];
const samples = new Map(rows.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, detectors] of rows) samples.get(name).push(cost(detectors));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const reference = median(samples.get('(no detectors)'));
console.log(
  `${measured} events measured per round, ${rounds} rounds, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);
console.log('detector                 CPU µs/event   minus reference');
for (const [name] of rows) {
  const m = median(samples.get(name));
  console.log(
    `${name.padEnd(24)} ${m.toFixed(2).padStart(12)}   ${name === '(no detectors)' ? '' : (m - reference).toFixed(2).padStart(12)}`,
  );
}
const all = median(samples.get('all'));
console.log(`all detectors: ${Math.round(1e6 / all).toLocaleString('en')} events per CPU-second`);
