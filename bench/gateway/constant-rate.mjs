// Open-loop, constant-rate load (wrk2-style) for bench/gateway, in its own process:
//   node bench/gateway/constant-rate.mjs '<json>'  with {url, rate, durationMs, warmupMs, connections, requestsFile}
// Request k is due at t0 + k/rate whatever happened to earlier ones; its latency is measured from when it was
// due (so a stall delays every request behind it and shows in the percentiles: no coordinated omission), and
// also from when it was handed to the connection pool ("service" latency). Prints one JSON line of results.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const config = JSON.parse(process.argv[2]);
const requests = JSON.parse(readFileSync(config.requestsFile, 'utf8'));
const url = new URL(config.url);
const pool = new Pool(url.origin, {
  connections: config.connections,
  pipelining: 1,
  keepAliveTimeout: 60_000,
});
const interval = 1000 / config.rate;

async function phase(durationMs, record) {
  const total = Math.floor((durationMs / 1000) * config.rate);
  const due = new Float64Array(total);
  const corrected = new Float64Array(total);
  const service = new Float64Array(total);
  let sent = 0;
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  const t0 = performance.now();
  let finish;
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  const fire = (k) => {
    const spec = requests[k % requests.length];
    const dispatched = performance.now();
    pool
      .request({ method: spec.method, path: spec.path, headers: spec.headers, body: spec.body ?? null })
      .then(async (res) => {
        await res.body.arrayBuffer();
        if (res.statusCode < 200 || res.statusCode >= 300) non2xx++;
      })
      .catch(() => {
        errors++;
      })
      .finally(() => {
        const end = performance.now();
        corrected[k] = end - due[k];
        service[k] = end - dispatched;
        if (++done === total) finish();
      });
  };
  const tick = () => {
    const now = performance.now();
    while (sent < total && t0 + sent * interval <= now) {
      due[sent] = t0 + sent * interval;
      fire(sent++);
    }
    if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
  };
  tick();
  await finished;
  const elapsed = performance.now() - t0;
  if (!record) return undefined;
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const c = corrected.slice().sort();
  const s = service.slice().sort();
  return {
    targetRate: config.rate,
    achievedRate: Math.round(total / (elapsed / 1000)),
    requests: total,
    non2xx,
    errors,
    latencyMs: {
      p50: pct(c, 50),
      p90: pct(c, 90),
      p99: pct(c, 99),
      p999: pct(c, 99.9),
      max: c[c.length - 1],
    },
    serviceMs: { p50: pct(s, 50), p99: pct(s, 99) },
  };
}

if (config.warmupMs > 0) await phase(config.warmupMs, false);
const result = await phase(config.durationMs, true);
await pool.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
