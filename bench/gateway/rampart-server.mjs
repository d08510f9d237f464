// One Rampart gateway process for bench/gateway, built from the compiled packages (`npx tsc -b packages/cli`:
// the gateway, and the CLI's batching event sink).
//   node bench/gateway/rampart-server.mjs '<json>'   with {profile: 'none'|'full', upstream, jwksUri, dist?}
// `dist`: another build of packages/gateway to load instead (a copy kept inside the repository, so that its
// `@rampart/*` imports resolve), for before/after comparisons in one run (run.mjs --baseline-dist).
// `none`: routing passthrough (no description, no policy). `full`: the bench description with JWT ES256 (JWKS),
// function (scopes, roles) and object authorization (the path's account must be the caller), a per-identity rate
// limit, request validation, injection inspection; both emit one ApiEvent per request to the CLI's batching
// sink (counted, not stored).
// Prints `{"port":N}` once listening. On SIGTERM it closes the gateway and prints what the sink saw.
// `workers: N` (N > 1): N node:cluster workers share the port, as `rampart gateway` runs with `workers: N`; the
// primary prints `{"port":N,"pids":[primary, ...workers]}` and, on SIGTERM, the workers' summaries merged.
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createBatchingSink } from '../../packages/cli/dist/create-batching-sink.js';
import { loadApiFromString } from '../../packages/openapi/dist/index.js';
import { DESCRIPTION, fullPolicies } from './bench-api.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
if ((config.workers ?? 1) > 1 && cluster.isPrimary) await runPrimary(config.workers);
const { createGateway } = await import(
  config.dist ? pathToFileURL(resolve(config.dist, 'index.js')).href : '../../packages/gateway/dist/index.js'
);

/**
 * The CLI's event sink without the store: `createBatchingSink` (what `rampart gateway` puts in front of the event
 * store: a batch is written at 500 events or 50 ms after its first), whose write only counts the events by status,
 * verdict and auth outcome and lets them go. Events therefore live as long as in production, which matters for the
 * garbage collector: a sink that kept the last thousand events would make every one survive into the old space.
 */
function createCountingSink() {
  const counts = { events: 0, status: {}, verdict: {}, auth: {}, withIdentity: 0 };
  // The gateway's own view of each request (arrival in the handler to the end of the response, upstream included),
  // in microseconds: set apart from what the client measures, it shows where a tail comes from.
  const latency = createHistogram();
  const batching = createBatchingSink({
    write(events) {
      for (const event of events) {
        counts.events++;
        const cls = String(event.status);
        counts.status[cls] = (counts.status[cls] ?? 0) + 1;
        counts.verdict[event.verdict] = (counts.verdict[event.verdict] ?? 0) + 1;
        counts.auth[event.auth] = (counts.auth[event.auth] ?? 0) + 1;
        if (event.identity) counts.withIdentity++;
        latency.record(Math.max(1, Math.round(event.latencyMs * 1000)));
      }
    },
    onError: (error) => process.stderr.write(`sink: ${error?.message}\n`),
  });
  return {
    counts,
    emit: (event) => batching.emit(event),
    flush: () => batching.flush(),
    /** Percentiles of the events' latency since the last call (ms), then starts over. */
    takeLatency() {
      const ms = (us) => Math.round(us) / 1000;
      const out = { p50: ms(latency.percentile(50)), p99: ms(latency.percentile(99)), max: ms(latency.max) };
      latency.reset();
      return out;
    },
  };
}

const sink = createCountingSink();
let warnings = 0;
const logger = {
  warn(message) {
    if (warnings++ < 20) process.stderr.write(`rampart warn: ${message}\n`);
  },
};

const options = {
  listen: { host: '127.0.0.1', port: 0 },
  adminListen: false,
  upstreams: [config.upstream],
  eventSink: sink,
  logger,
};

if (config.profile === 'full') {
  const model = await loadApiFromString(DESCRIPTION, 'bench-api.yaml');
  Object.assign(options, {
    routing: { model },
    policies: fullPolicies(config.jwksUri),
  });
} else if (config.profile !== 'none') throw new TypeError(`unknown profile ${config.profile}`);

// How long the event loop was blocked (GC pauses, long synchronous work): reported on exit, for the tail latency.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

// RAMPART_BENCH_ALLOCATIONS=<file>: a sampling profile of every allocation (collected objects included), written
// on SIGTERM; summarize it with summarize-allocations.mjs. Node's --heap-prof keeps only the survivors.
const allocations = process.env.RAMPART_BENCH_ALLOCATIONS
  ? await startAllocationSampling(process.env.RAMPART_BENCH_ALLOCATIONS)
  : undefined;

const gateway = createGateway(options);
const { port } = await gateway.listen();
if (cluster.isWorker) process.send({ port });
else process.stdout.write(`${JSON.stringify({ port })}\n`);

// SIGUSR2 (run.mjs, around each constant-rate stage): prints to stderr the gateway's own latency percentiles
// and the event loop's delay since the previous signal, then starts both over.
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const loop = { p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
  loopDelay.reset();
  process.stderr.write(
    `rampart-server ${process.pid}: gateway latency ${JSON.stringify(sink.takeLatency())}, event-loop delay ${JSON.stringify(loop)}\n`,
  );
});

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  await gateway.close();
  await sink.flush();
  await allocations?.();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const eventLoopDelayMs = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    p999: ms(loopDelay.percentile(99.9)),
    max: ms(loopDelay.max),
  };
  const summary = { sink: sink.counts, warnings, eventLoopDelayMs };
  if (cluster.isWorker) process.send({ summary }, () => process.exit(0));
  else {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  }
});

/** The cluster primary: starts the workers, reports the shared port and every pid, merges the summaries. */
async function runPrimary(count) {
  const workers = [];
  const ports = [];
  for (let i = 0; i < count; i++) {
    const worker = cluster.fork();
    workers.push(worker);
    ports.push(new Promise((resolvePort) => worker.once('message', (m) => resolvePort(m.port))));
  }
  const [port] = await Promise.all(ports);
  process.stdout.write(
    `${JSON.stringify({ port, pids: [process.pid, ...workers.map((w) => w.process.pid)] })}\n`,
  );
  process.on('SIGTERM', async () => {
    const summaries = await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolveSummary) => {
            worker.on('message', (m) => m.summary && resolveSummary(m.summary));
            worker.on('exit', () => resolveSummary(undefined));
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    const merged = {
      sink: { events: 0, status: {}, verdict: {}, auth: {}, withIdentity: 0 },
      warnings: 0,
      workers: [],
    };
    for (const s of summaries.filter(Boolean)) {
      merged.sink.events += s.sink.events;
      merged.sink.withIdentity += s.sink.withIdentity;
      for (const key of ['status', 'verdict', 'auth'])
        for (const [k, v] of Object.entries(s.sink[key]))
          merged.sink[key][k] = (merged.sink[key][k] ?? 0) + v;
      merged.warnings += s.warnings;
      merged.workers.push({ events: s.sink.events, eventLoopDelayMs: s.eventLoopDelayMs });
    }
    process.stdout.write(`${JSON.stringify(merged)}\n`);
    process.exit(0);
  });
  await new Promise(() => {});
}

/** Starts V8's sampling heap profiler with collected objects kept; returns the function that writes the profile. */
async function startAllocationSampling(file) {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    // RAMPART_BENCH_ALLOCATIONS_PROMOTED=1: only what survived the young generation (what the old space fills with).
    includeObjectsCollectedByMinorGC: !process.env.RAMPART_BENCH_ALLOCATIONS_PROMOTED,
  });
  return async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    await writeFile(`${file}.${process.pid}.heapprofile`, JSON.stringify(profile));
  };
}
