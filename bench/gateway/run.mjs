#!/usr/bin/env node
// Rampart's gateway against nginx and nginx + ModSecurity/CRS, all in one run on loopback (issue #5, Performance).
//
//   npx tsc -b packages/cli && node bench/gateway/run.mjs [options]
//
// Scenarios (same request mix, same upstream, same load generator): the upstream direct; nginx proxy_pass (one
// worker, keep-alive upstream pool); nginx + ModSecurity v3 + OWASP CRS at paranoia 1; three Node references that
// separate what the HTTP libraries cost: node:http + undici (node-proxy.mjs), node:http + raw-socket upstream
// (hybrid-proxy.mjs), raw sockets both ways (raw-proxy.mjs); Rampart with no policies; Rampart with the full
// policy set (see rampart-server.mjs). Each is driven by wrk (one thread, fixed connections) for a warm-up and a measured
// period, in `--rounds` interleaved rounds; the median round is reported. CPU per request is the proxy process's
// utime+stime (/proc/<pid>/stat, nginx master and worker) over the measured period divided by the requests
// completed. Then the upstream direct, nginx, the minimal Node proxy and full-policy Rampart at constant rates
// (constant-rate.mjs) of a quarter and a half of Rampart's throughput, for the latency Rampart adds. `--soak` adds
// a memory soak (RSS every 10 s) of full-policy Rampart at a constant rate.
//
// Options: --duration 10 --warmup 5 --connections 32 --rounds 3
//   --only direct,nginx,modsecurity,node-proxy,raw-proxy,hybrid-proxy,rampart-none,rampart-full --load-fractions 0.25,0.5 --no-half-load
//   --soak [--soak-minutes 10 --soak-rate 1000] --soak-only
//   --json <file> (results; also written to bench/results/gateway-<time>.json)
//   --cpu-prof: V8 CPU profiles of the Rampart processes into bench/results/profiles (summarize-profile.mjs);
//   --perf-map: start them with --perf-basic-prof, for `perf record -g -p <pid>`; --node-flags "<flags>": more
//   flags for the Rampart processes (e.g. "--trace-deopt")
//   --pin: the proxy under test on CPU 0, everything else (this process and its JWKS server, the upstream, wrk,
//   the constant-rate client) on CPU 1 (taskset), so that the proxy has a core of its own, as in production; the
//   load side then has one core, which caps what the fastest proxies can be offered
//   --baseline-dist <dir>: also run both Rampart scenarios on another build of packages/gateway (a copy of its
//   dist/ inside the repository, e.g. bench/results/gateway-dist-before), interleaved, for before/after numbers
//   --variant-flags "<node flags>": also run full-policy Rampart with these V8/Node flags (e.g.
//   "--max-semi-space-size=32"), interleaved, in the throughput rounds and the constant-rate stage
// Needs: nginx, libnginx-mod-http-modsecurity, modsecurity-crs and wrk from Debian (apt-get install …), run as
// root (nginx's worker runs as root so that it can use the temporary directory).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS, buildRequestMix, createSigningKey, signToken } from './bench-api.mjs';
import { nginxVersions, startNginx } from './start-nginx.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const durationS = Number(opt('duration', 10));
const warmupS = Number(opt('warmup', 5));
const connections = Number(opt('connections', 32));
const rounds = Number(opt('rounds', 3));
const soakOnly = flag('soak-only');
const soak = flag('soak') || soakOnly;
const soakMinutes = Number(opt('soak-minutes', 10));
const soakRate = Number(opt('soak-rate', 1000));
const baselineDist = opt('baseline-dist', undefined);
const pin = flag('pin');
/** Sets the CPU affinity of every thread of `pid` (children started later inherit it). */
function pinTo(pid, cpu) {
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset failed for pid ${pid}: ${result.stderr}`);
}
if (pin) pinTo(process.pid, 1);
const variantFlags = (opt('variant-flags', '') ?? '').split(' ').filter(Boolean);
const ALL = [
  'direct',
  'nginx',
  'modsecurity',
  'node-proxy',
  'raw-proxy',
  'hybrid-proxy',
  'rampart-none',
  'rampart-full',
  ...(baselineDist ? ['rampart-none-baseline', 'rampart-full-baseline'] : []),
  ...(variantFlags.length > 0 ? ['rampart-full-variant'] : []),
];
// Also available by name in --only: `rampart-full-2-workers`, full-policy Rampart as two node:cluster workers (as
// `rampart gateway` with `workers: 2`), CPU summed over the primary and both workers.
const only = soakOnly ? ['rampart-full'] : (opt('only', ALL.join(',')) ?? '').split(',');
const loadFractions = (opt('load-fractions', '0.25,0.5') ?? '').split(',').map(Number);
const halfLoad =
  !flag('no-half-load') && !soakOnly && only.includes('rampart-full') && only.includes('direct');
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const LABELS = {
  direct: 'upstream direct (node:http)',
  nginx: 'nginx proxy_pass',
  modsecurity: 'nginx + ModSecurity CRS PL1',
  'node-proxy': 'minimal Node proxy (reference)',
  'raw-proxy': 'Node on raw sockets (reference)',
  'hybrid-proxy': 'node:http + raw-socket upstream (reference)',
  'rampart-none': 'Rampart, no policies',
  'rampart-full': 'Rampart, full policy set',
  'rampart-none-baseline': 'Rampart, no policies (baseline build)',
  'rampart-full-baseline': 'Rampart, full policy set (baseline build)',
  'rampart-full-variant': `Rampart, full policy set, ${variantFlags.join(' ')}`,
  'rampart-full-2-workers': 'Rampart, full policy set, 2 cluster workers',
};

// ---------------------------------------------------------------------------------------------- processes

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-gateway-'));
const children = new Set();
const nginxes = [];
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const n of nginxes) await n.stop().catch(() => undefined);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    void cleanup().then(() => process.exit(130));
  });

/** Starts a node child and resolves with it and the first JSON line it prints. */
async function startNode(script, config, execArgv = []) {
  const child = spawn(process.execPath, [...execArgv, join(here, script), JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const lines = createInterface({ input: child.stdout });
  const queue = [];
  const waiting = [];
  // Anything else a child prints on stdout (e.g. V8 traces from --node-flags) goes to bench/results.
  let log;
  lines.on('line', (line) => {
    if (!line.startsWith('{')) {
      log ??= createWriteStream(
        join(here, '..', 'results', `${script.replace('.mjs', '')}-${child.pid}.log`),
      );
      log.write(`${line}\n`);
      return;
    }
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  const nextLine = () =>
    queue.length > 0
      ? Promise.resolve(queue.shift())
      : new Promise((resolve, reject) => {
          waiting.push(resolve);
          child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
        });
  const first = JSON.parse(await nextLine());
  return { child, pid: child.pid, info: first, nextLine };
}

async function stopNode(proc) {
  if (proc.child.exitCode !== null) return undefined;
  proc.child.kill('SIGTERM');
  const line = await Promise.race([
    proc.nextLine().catch(() => undefined),
    new Promise((r) => setTimeout(() => r(undefined), 15_000)),
  ]);
  if (proc.child.exitCode === null) await once(proc.child, 'exit');
  return line ? JSON.parse(line) : undefined;
}

async function freePort() {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat(5))
  }
  return ticks / CLK_TCK;
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// ---------------------------------------------------------------------------------------------- load

function writeWrkScript(requests) {
  const lua = (s) => JSON.stringify(s); // ASCII-only content: a JSON string is a valid Lua string literal
  const specs = requests
    .map(
      (r) =>
        `{${lua(r.method)},${lua(r.path)},{${Object.entries(r.headers)
          .map(([k, v]) => `[${lua(k)}]=${lua(v)}`)
          .join(',')}},${r.body === undefined ? 'nil' : lua(r.body)}}`,
    )
    .join(',\n');
  const file = join(dir, 'mix.lua');
  writeFileSync(
    file,
    `local specs = {
${specs}
}
local reqs = {}
local idx = 0
init = function(args)
  for i, s in ipairs(specs) do reqs[i] = wrk.format(s[1], s[2], s[3], s[4]) end
end
request = function()
  idx = idx % #reqs + 1
  return reqs[idx]
end
done = function(summary, latency, requests)
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
`,
  );
  return file;
}

async function wrk(port, seconds, script) {
  const child = spawn(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, `http://127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const [code] = await once(child, 'exit');
  children.delete(child);
  const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${out}`);
  return JSON.parse(line.slice(8));
}

async function constantRate(port, rate, durationMs, warmupMs, requestsFile) {
  const proc = await startNode('constant-rate.mjs', {
    url: `http://127.0.0.1:${port}`,
    rate,
    durationMs,
    warmupMs,
    connections,
    requestsFile,
  });
  children.delete(proc.child);
  return proc.info;
}

// ---------------------------------------------------------------------------------------------- checks

async function send(port, spec) {
  const { request } = await import('undici');
  const res = await request(`http://127.0.0.1:${port}${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    body: spec.body ?? null,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

/** Every target answers the three kinds of legitimate request with 2xx, and the protecting ones refuse attacks. */
async function checkTargets(targets, mix, privatePem) {
  const results = {};
  for (const [name, port] of Object.entries(targets)) {
    const statuses = [];
    for (const spec of [mix[0], mix[3], mix[5]]) statuses.push((await send(port, spec)).status);
    const entry = { legitimate: statuses };
    if (statuses.some((s) => s < 200 || s >= 300))
      throw new Error(`${name}: legitimate requests were not answered 2xx: ${statuses.join(', ')}`);
    const attack = {
      ...mix[0],
      path: `${mix[0].path.split('?')[0]}?fields=summary'%20UNION%20SELECT%20password%20FROM%20users--`,
    };
    if (name === 'modsecurity') entry.sqlInjection = (await send(port, attack)).status;
    if (name.startsWith('rampart-full')) {
      const other = signToken(privatePem, 1);
      // Request validation runs first and refuses the query (enum): the body's free-text note reaches injection.
      entry.sqlInjectionQuery = (await send(port, attack)).status;
      const body = JSON.parse(mix[5].body);
      body.note = "1' UNION SELECT username, password FROM users--";
      entry.sqlInjection = (await send(port, { ...mix[5], body: JSON.stringify(body) })).status;
      entry.noToken = (await send(port, { ...mix[0], headers: { accept: 'application/json' } })).status;
      entry.otherAccount = (
        await send(port, { ...mix[0], headers: { ...mix[0].headers, authorization: `Bearer ${other}` } })
      ).status;
      entry.invalidBody = (await send(port, { ...mix[5], body: '{"currency":"XXX","items":[]}' })).status;
      entry.undeclaredPath = (await send(port, { ...mix[0], path: '/admin/users' })).status;
      const expected = {
        sqlInjectionQuery: 400,
        sqlInjection: 403,
        noToken: 401,
        otherAccount: 403,
        invalidBody: 400,
        undeclaredPath: 404,
      };
      for (const [k, v] of Object.entries(expected))
        if (entry[k] !== v) throw new Error(`${name}: ${k} answered ${entry[k]}, expected ${v}`);
    }
    if (name === 'modsecurity' && entry.sqlInjection !== 403)
      throw new Error(
        `modsecurity: an SQL injection was answered ${entry.sqlInjection}, expected 403: is CRS on?`,
      );
    results[name] = entry;
  }
  return results;
}

// ---------------------------------------------------------------------------------------------- run

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  const started = new Date();
  const { privatePem, jwk } = createSigningKey();
  const tokens = Array.from({ length: ACCOUNTS }, (_, i) => signToken(privatePem, i));
  const mix = buildRequestMix(tokens);
  const requestsFile = join(dir, 'requests.json');
  writeFileSync(requestsFile, JSON.stringify(mix));
  const script = writeWrkScript(mix);

  let jwksFetches = 0;
  const jwks = createServer((_req, res) => {
    jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'max-age=600' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  jwks.listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  const jwksUri = `http://127.0.0.1:${jwks.address().port}/.well-known/jwks.json`;

  const upstream = await startNode('upstream.mjs', {});
  const upstreamUrl = `http://127.0.0.1:${upstream.info.port}`;
  const targets = {};
  const proxyPids = {};
  if (only.includes('direct')) {
    targets.direct = upstream.info.port;
    proxyPids.direct = () => [];
  }
  for (const [name, modsecurity] of [
    ['nginx', false],
    ['modsecurity', true],
  ]) {
    if (!only.includes(name)) continue;
    const port = await freePort();
    const n = await startNginx({ dir: join(dir, name), port, upstreamPort: upstream.info.port, modsecurity });
    nginxes.push(n);
    targets[name] = port;
    proxyPids[name] = () => n.pids();
  }
  if (only.includes('node-proxy')) {
    const proc = await startNode('node-proxy.mjs', { upstream: upstreamUrl });
    targets['node-proxy'] = proc.info.port;
    proxyPids['node-proxy'] = () => [proc.pid];
  }
  if (only.includes('raw-proxy')) {
    const proc = await startNode('raw-proxy.mjs', { upstream: upstreamUrl });
    targets['raw-proxy'] = proc.info.port;
    proxyPids['raw-proxy'] = () => [proc.pid];
  }
  if (only.includes('hybrid-proxy')) {
    const proc = await startNode('hybrid-proxy.mjs', { upstream: upstreamUrl });
    targets['hybrid-proxy'] = proc.info.port;
    proxyPids['hybrid-proxy'] = () => [proc.pid];
  }
  const rampart = {};
  const cpuProf = [
    ...(flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${join(here, '..', 'results', 'profiles')}`] : []),
    // For `perf record -p <pid>` from outside: JIT symbols in /tmp/perf-<pid>.map.
    ...(flag('perf-map') ? ['--perf-basic-prof'] : []),
    ...(opt('node-flags', '') ?? '').split(' ').filter(Boolean),
  ];
  for (const [name, profile, dist, flags, workers] of [
    ['rampart-none', 'none', undefined, [], 1],
    ['rampart-full', 'full', undefined, [], 1],
    ['rampart-none-baseline', 'none', baselineDist, [], 1],
    ['rampart-full-baseline', 'full', baselineDist, [], 1],
    ['rampart-full-variant', 'full', undefined, variantFlags, 1],
    ['rampart-full-2-workers', 'full', undefined, [], 2],
  ]) {
    if (!only.includes(name)) continue;
    const proc = await startNode(
      'rampart-server.mjs',
      { profile, upstream: upstreamUrl, jwksUri, workers, ...(dist ? { dist } : {}) },
      [...cpuProf, ...flags],
    );
    rampart[name] = proc;
    targets[name] = proc.info.port;
    const pids = proc.info.pids ?? [proc.pid];
    proxyPids[name] = () => pids;
  }

  if (pin) for (const name of Object.keys(proxyPids)) for (const pid of proxyPids[name]()) pinTo(pid, 0);
  const checks = await checkTargets(targets, mix, privatePem);
  console.error(`checks: ${JSON.stringify(checks)}`);

  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    node: process.version,
    wrk: spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim(),
    ...nginxVersions(),
    loadavgBefore: loadavg().map((x) => x.toFixed(2)),
    pinned: pin,
  };
  const bodyBytes = Buffer.byteLength((await send(upstream.info.port, mix[0])).text);

  const samples = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  if (!soakOnly) {
    for (let round = 1; round <= rounds; round++) {
      for (const name of Object.keys(targets)) {
        await wrk(targets[name], warmupS, script);
        const pids = proxyPids[name]();
        const cpu0 = cpuSeconds(pids);
        const up0 = cpuSeconds([upstream.pid]);
        const result = await wrk(targets[name], durationS, script);
        const cpu = cpuSeconds(pids) - cpu0;
        const upCpu = cpuSeconds([upstream.pid]) - up0;
        const seconds = result.duration_us / 1e6;
        const sample = {
          rps: result.requests / seconds,
          requests: result.requests,
          p50: result.latency_us.p50 / 1000,
          p99: result.latency_us.p99 / 1000,
          cpuUsPerRequest: pids.length > 0 ? (cpu / result.requests) * 1e6 : undefined,
          proxyCpuCores: pids.length > 0 ? cpu / seconds : undefined,
          upstreamCpuUsPerRequest: (upCpu / result.requests) * 1e6,
          non2xx: result.errors.status,
          socketErrors:
            result.errors.connect + result.errors.read + result.errors.write + result.errors.timeout,
          loadavg1: loadavg()[0],
        };
        samples[name].push(sample);
        console.error(
          `round ${round} ${name}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50.toFixed(2)} ms, p99 ${sample.p99.toFixed(2)} ms, cpu ${sample.cpuUsPerRequest?.toFixed(1) ?? '-'} µs/req, non-2xx ${sample.non2xx}, load ${sample.loadavg1.toFixed(2)}`,
        );
      }
    }
  }

  const summary = {};
  for (const [name, list] of Object.entries(samples)) {
    if (list.length === 0) continue;
    const mid = median(list.map((s) => s.rps));
    const chosen = list.find((s) => s.rps === mid);
    summary[name] = {
      ...chosen,
      rpsRange: [Math.min(...list.map((s) => s.rps)), Math.max(...list.map((s) => s.rps))],
      cpuUsPerRequestMedian:
        list[0].cpuUsPerRequest === undefined ? undefined : median(list.map((s) => s.cpuUsPerRequest)),
    };
  }

  // Constant-rate runs at fractions of full-policy Rampart's throughput (default a quarter and a half), through
  // the upstream direct, the references and Rampart, for the latency Rampart adds at a given load.
  let half;
  if (halfLoad && summary['rampart-full']) {
    half = { fractions: [] };
    for (const fraction of loadFractions) {
      const rate = Math.max(100, Math.round(summary['rampart-full'].rps * fraction));
      const entry = { fraction, rate };
      // The same constant rate through the references too, to tell the gateway's share of the tail from the
      // machine's (scheduling on shared cores shows in every scenario).
      for (const name of ['direct', 'nginx', 'node-proxy', 'rampart-full', 'rampart-full-variant']) {
        if (!targets[name]) continue;
        // The gateway reports its own latency over the stage (stderr), to tell its tail from the machine's.
        rampart[name]?.child.kill('SIGUSR2');
        entry[name] = await constantRate(targets[name], rate, durationS * 1000, warmupS * 1000, requestsFile);
        rampart[name]?.child.kill('SIGUSR2');
        console.error(`load ${fraction} ${name} at ${rate}/s: ${JSON.stringify(entry[name])}`);
      }
      entry.addedP50Ms = entry['rampart-full'].latencyMs.p50 - entry.direct.latencyMs.p50;
      entry.addedP99Ms = entry['rampart-full'].latencyMs.p99 - entry.direct.latencyMs.p99;
      if (entry['rampart-full-variant'])
        entry.variantAddedP99Ms = entry['rampart-full-variant'].latencyMs.p99 - entry.direct.latencyMs.p99;
      half.fractions.push(entry);
    }
  }

  let soakResult;
  if (soak && rampart['rampart-full']) {
    const pid = rampart['rampart-full'].pid;
    const rssSamples = [{ t: 0, rssMb: rssMb(pid) }];
    const t0 = Date.now();
    const timer = setInterval(
      () => rssSamples.push({ t: Math.round((Date.now() - t0) / 1000), rssMb: rssMb(pid) }),
      10_000,
    );
    const load = await constantRate(targets['rampart-full'], soakRate, soakMinutes * 60_000, 0, requestsFile);
    clearInterval(timer);
    rssSamples.push({ t: Math.round((Date.now() - t0) / 1000), rssMb: rssMb(pid) });
    // Growth over the second half of the soak (after warm-up, JIT and pools have settled): MB per minute.
    const tail = rssSamples.filter((s) => s.t >= (soakMinutes * 60) / 2);
    const n = tail.length;
    const mt = tail.reduce((a, s) => a + s.t, 0) / n;
    const mr = tail.reduce((a, s) => a + s.rssMb, 0) / n;
    const slope =
      tail.reduce((a, s) => a + (s.t - mt) * (s.rssMb - mr), 0) /
      tail.reduce((a, s) => a + (s.t - mt) ** 2, 0);
    soakResult = {
      minutes: soakMinutes,
      rate: soakRate,
      load,
      rss: rssSamples,
      rssStartMb: rssSamples[0].rssMb,
      rssAfter1MinMb: rssSamples.find((s) => s.t >= 60)?.rssMb,
      rssEndMb: rssSamples[rssSamples.length - 1].rssMb,
      rssMaxMb: Math.max(...rssSamples.map((s) => s.rssMb)),
      secondHalfSlopeMbPerMin: slope * 60,
    };
    console.error(`soak: ${JSON.stringify({ ...soakResult, rss: undefined, load: undefined })}`);
  }

  const sinks = {};
  for (const [name, proc] of Object.entries(rampart)) sinks[name] = await stopNode(proc);
  await stopNode(upstream);
  jwks.close();
  machine.loadavgAfter = loadavg().map((x) => x.toFixed(2));

  const result = {
    started: started.toISOString(),
    settings: {
      durationS,
      warmupS,
      connections,
      rounds,
      requestMix: '7 GET order, 1 GET list, 2 POST (JSON) per 10',
      accounts: ACCOUNTS,
      bodyBytes,
    },
    machine,
    checks,
    jwksFetches,
    summary,
    samples,
    half,
    soak: soakResult,
    sinks,
  };
  mkdirSync(join(here, '..', 'results'), { recursive: true });
  const out = opt(
    'json',
    join(here, '..', 'results', `gateway-${started.toISOString().replace(/[:.]/g, '-')}.json`),
  );
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(result);
  console.log(`\nresults: ${out}`);
}

function printTable({ summary, half, soak: s, machine, sinks }) {
  const nginx = summary.nginx;
  const modsec = summary.modsecurity;
  const f = (x, d = 0) => (x === undefined ? '–' : x.toFixed(d));
  const lines = [
    '| Scenario | req/s (min–max) | × nginx | p50 ms | p99 ms | proxy CPU µs/req | proxy cores | upstream CPU µs/req | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, r] of Object.entries(summary))
    lines.push(
      `| ${LABELS[name]} | ${f(r.rps)} (${f(r.rpsRange[0])}–${f(r.rpsRange[1])}) | ${nginx ? f(r.rps / nginx.rps, 2) : '–'} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.cpuUsPerRequestMedian, 1)} | ${f(r.proxyCpuCores, 2)} | ${f(r.upstreamCpuUsPerRequest, 1)} | ${r.non2xx} |`,
    );
  console.log(lines.join('\n'));
  const full = summary['rampart-full'];
  if (full && nginx && modsec) {
    console.log(
      `\nfull Rampart / nginx: ${f(full.rps / nginx.rps, 2)}× throughput, ${f(nginx.cpuUsPerRequestMedian / full.cpuUsPerRequestMedian, 2)}× per CPU second (goal ≥ 0.5)`,
    );
    console.log(
      `full Rampart / nginx+ModSecurity: ${f(full.rps / modsec.rps, 2)}× throughput, ${f(modsec.cpuUsPerRequestMedian / full.cpuUsPerRequestMedian, 2)}× per CPU second (goal ≥ 10)`,
    );
  }
  for (const entry of half?.fractions ?? []) {
    console.log(
      `constant rate ${entry.rate}/s (${entry.fraction} of full Rampart's throughput): added p50 ${f(entry.addedP50Ms, 2)} ms, added p99 ${f(entry.addedP99Ms, 2)} ms (goal at 0.5: p99 < 2)${entry.variantAddedP99Ms === undefined ? '' : `; with ${variantFlags.join(' ')}: added p99 ${f(entry.variantAddedP99Ms, 2)} ms`}`,
    );
    for (const name of ['direct', 'nginx', 'node-proxy', 'rampart-full', 'rampart-full-variant'])
      if (entry[name])
        console.log(
          `  ${LABELS[name]}: p50 ${f(entry[name].latencyMs.p50, 2)} ms, p90 ${f(entry[name].latencyMs.p90, 2)} ms, p99 ${f(entry[name].latencyMs.p99, 2)} ms (service p50 ${f(entry[name].serviceMs.p50, 2)}, p99 ${f(entry[name].serviceMs.p99, 2)}), achieved ${entry[name].achievedRate}/s, non-2xx ${entry[name].non2xx}, errors ${entry[name].errors}`,
        );
  }
  if (s)
    console.log(
      `soak ${s.minutes} min at ${s.rate}/s: RSS ${f(s.rssStartMb, 1)} → ${f(s.rssAfter1MinMb, 1)} (1 min) → ${f(s.rssEndMb, 1)} MB, max ${f(s.rssMaxMb, 1)}, second-half slope ${f(s.secondHalfSlopeMbPerMin, 2)} MB/min`,
    );
  console.log(
    `load average before ${machine.loadavgBefore.join(' ')}, after ${machine.loadavgAfter.join(' ')}`,
  );
  console.log(`sinks: ${JSON.stringify(sinks)}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
