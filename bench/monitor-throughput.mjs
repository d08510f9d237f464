// Throughput, event-to-alert latency and memory of @rampart/monitor with every built-in detector (issue #6).
//
//   npx tsc -b packages/monitor && node --expose-gc bench/monitor-throughput.mjs [--reps 8] [--actors 1000000]
//       [--classify 1]
//
// --classify 1 also runs every measured event through createEventClassifier (what the collector and `rampart
// import` do at capture: data classes of path, query, headers and body samples) before the detectors, inside the
// timed part, and prints the classifier's own cost per event.
//
// 1. Throughput: generated bank/shop traffic (normal users mixed with attackers, see monitor-eval.mjs) replayed
//    `reps` times with shifted times and ids, through all detectors, on one core (this process, one thread).
// 2. Latency: events ingested in batches of 100 as they would arrive from the bus; for each alert, the time from
//    the start of the ingest call that carried its event to the sink receiving it; plus the p99 of the whole
//    batch's ingest time (an upper bound for any event in it).
// 3. Memory: `actors` events, each from a distinct address, principal and token, with id paths, payload-free;
//    RSS and heap (after GC) sampled every quarter; bounded state must plateau.
import { loadApiFromString } from '../packages/openapi/dist/index.js';
import {
  BANK_API_DESCRIPTION,
  createEventClassifier,
  createMonitor,
  generateLabelledTraffic,
} from '../packages/monitor/dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const reps = option('--reps', 8);
const actors = option('--actors', 1_000_000);
const classifyEvents = option('--classify', 0) === 1;
const classify = createEventClassifier();
const gc = globalThis.gc ?? (() => {});
const model = await loadApiFromString(BANK_API_DESCRIPTION, 'bank.json');
const mib = (n) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

// ---- 1 and 2: throughput and latency on realistic traffic
const traffic = generateLabelledTraffic({ seed: 3 });
const span = traffic.events.at(-1).time - traffic.events[0].time + 60_000;
const stream = [];
for (let r = 0; r < reps; r++) {
  for (const e of traffic.events) stream.push({ ...e, id: `${e.id}r${r}`, time: e.time + r * span });
}
let batchStart = 0;
const alertLatencies = [];
const monitor = createMonitor({
  model,
  useEventTime: true,
  sinks: [
    {
      name: 'latency',
      send: (_, change) => {
        if (change === 'opened') alertLatencies.push(performance.now() - batchStart);
      },
      flush: async () => {},
      close: async () => {},
      stats: () => ({ sent: 0, failed: 0, dropped: 0, queued: 0 }),
    },
  ],
});
// Warm up on the first repetition (JIT), then measure the rest.
const warm = traffic.events.length;
for (let i = 0; i < warm; i += 100) {
  batchStart = performance.now();
  monitor.ingest(stream.slice(i, i + 100));
}
alertLatencies.length = 0;
gc();
const batchTimes = [];
const cpuStart = process.cpuUsage();
const started = performance.now();
let classifyCpuUs = 0;
let classified = 0;
for (let i = warm; i < stream.length; i += 100) {
  let batch = stream.slice(i, i + 100);
  batchStart = performance.now();
  if (classifyEvents) {
    const c0 = process.cpuUsage();
    batch = batch.map(classify);
    const c = process.cpuUsage(c0);
    classifyCpuUs += c.user + c.system;
    for (const e of batch) if (e.dataClasses !== undefined) classified++;
  }
  monitor.ingest(batch);
  batchTimes.push(performance.now() - batchStart);
}
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
await monitor.flush();
const measured = stream.length - warm;
const stats = monitor.stats();
// CPU time is what one core spends; wall time also counts waiting for the CPU on a shared machine.
console.log(
  `throughput: ${measured} events through ${Object.keys(stats.detectors).length} detectors: ${Math.round((measured / cpuMs) * 1000).toLocaleString('en')} events per CPU-second (${cpuMs.toFixed(0)} ms CPU, incl. GC); wall clock ${Math.round((measured / elapsed) * 1000).toLocaleString('en')} events/s (${elapsed.toFixed(0)} ms, load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
);
if (classifyEvents) {
  const bodies = stream.slice(warm).filter((e) => e.requestBody?.text || e.responseBody?.text).length;
  console.log(
    `  classification (included above): ${(classifyCpuUs / measured).toFixed(2)} µs CPU per event, ${Math.round(measured / (classifyCpuUs / 1e6)).toLocaleString('en')} events per CPU-second alone; ${bodies} of ${measured} events carry body samples; ${classified} with data classes`,
  );
}
console.log(
  `  alerts opened ${stats.alertsOpened}, signals ${stats.signals}, detector errors ${stats.detectorErrors}`,
);
console.log(
  `latency: event-to-alert p50 ${percentile(alertLatencies, 0.5).toFixed(2)} ms, p99 ${percentile(alertLatencies, 0.99).toFixed(2)} ms, max ${Math.max(...alertLatencies).toFixed(2)} ms over ${alertLatencies.length} alerts; batch of 100 ingest p99 ${percentile(batchTimes, 0.99).toFixed(2)} ms`,
);
stream.length = 0;

// ---- 3: memory with a million distinct actors
gc();
const memory = createMonitor({ model, useEventTime: true });
const base = process.memoryUsage();
console.log(`memory: before ${mib(base.rss)} RSS, ${mib(base.heapUsed)} heap`);
const t0 = 1_760_000_000_000;
const quarter = Math.floor(actors / 4);
const memStart = performance.now();
const memCpu = process.cpuUsage();
for (let n = 0; n < actors; ) {
  const batch = [];
  for (let k = 0; k < 1000 && n < actors; k++, n++) {
    const ip = `${10 + ((n >>> 24) & 0x3f)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    batch.push({
      id: `m${n}`,
      time: t0 + n * 2,
      origin: 'bench',
      method: 'GET',
      rawPath: `/accounts/${100000 + (n % 50000)}/transactions?page=${1 + (n % 5)}&limit=20`,
      path: `/accounts/${100000 + (n % 50000)}/transactions`,
      route: '/accounts/{accountId}/transactions',
      status: n % 7 === 0 ? 404 : 200,
      latencyMs: 10,
      requestSize: 0,
      responseSize: 8000 + (n % 13) * 100,
      clientIp: ip,
      userAgent: `client/${n % 50}`,
      identity: { subject: `user-${n}`, method: 'jwt', credentialFingerprint: `fp-${n}` },
      auth: 'success',
      verdict: 'allow',
      requestHeaders: { host: 'api.bank.example', 'user-agent': `client/${n % 50}` },
      responseHeaders: {},
      query: { page: String(1 + (n % 5)), limit: '20' },
    });
  }
  memory.ingest(batch);
  if (n % quarter === 0) {
    gc();
    const m = process.memoryUsage();
    console.log(
      `  after ${n.toLocaleString('en')} distinct actors: ${mib(m.rss)} RSS, ${mib(m.heapUsed)} heap`,
    );
  }
}
const memCpuUsed = process.cpuUsage(memCpu);
console.log(
  `  (${Math.round((actors / ((memCpuUsed.user + memCpuUsed.system) / 1000)) * 1000).toLocaleString('en')} events per CPU-second with every event from a new actor, GC sampling included; wall ${((performance.now() - memStart) / 1000).toFixed(1)} s)`,
);
