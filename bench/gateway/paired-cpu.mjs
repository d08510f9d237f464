#!/usr/bin/env node
// Before/after CPU per request of two Rampart builds, measured at the same time under the same load, so that a
// busy shared machine slows both alike (throughput rounds one after the other do not have that property):
// both gateways run side by side in front of one upstream, each driven by its own constant-rate load generator
// (constant-rate.mjs) at the same rate; CPU per request is each gateway process's utime+stime over the measured
// period divided by the requests sent. Rounds alternate which build is started first.
//   npx tsc -b packages/gateway && node bench/gateway/paired-cpu.mjs --baseline-dist <dir> \
//     [--profile full|none] [--rate 1000] [--duration 15] [--warmup 5] [--rounds 3] [--flags-b "<node flags>"]
// `--baseline-dist`: a copy of a previous packages/gateway/dist inside the repository (build A is the current
// one). Without it, both sides run the current build and `--flags-b` gives side B other Node flags (e.g.
// "--max-semi-space-size=64"), for the effect of a runtime setting.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ACCOUNTS, buildRequestMix, createSigningKey, signToken } from './bench-api.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const baselineDist = opt('baseline-dist', undefined);
const profile = opt('profile', 'full');
const rate = Number(opt('rate', 1000));
const durationMs = Number(opt('duration', 15)) * 1000;
const warmupMs = Number(opt('warmup', 5)) * 1000;
const rounds = Number(opt('rounds', 3));
const flagsB = (opt('flags-b', '') ?? '').split(' ').filter(Boolean);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
const dir = mkdtempSync(join(tmpdir(), 'rampart-paired-'));
const children = new Set();

function start(script, config, execArgv = []) {
  const child = spawn(process.execPath, [...execArgv, join(here, script), JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const lines = createInterface({ input: child.stdout });
  const first = new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return first.then((info) => ({ child, info }));
}

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

try {
  const { privatePem, jwk } = createSigningKey();
  const mix = buildRequestMix(Array.from({ length: ACCOUNTS }, (_, i) => signToken(privatePem, i)));
  const requestsFile = join(dir, 'requests.json');
  writeFileSync(requestsFile, JSON.stringify(mix));
  const jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  jwks.listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  const jwksUri = `http://127.0.0.1:${jwks.address().port}/jwks`;
  const upstream = await start('upstream.mjs', {});
  const upstreamUrl = `http://127.0.0.1:${upstream.info.port}`;
  const sides = { A: [], B: [] };
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? ['A', 'B'] : ['B', 'A'];
    const gateways = {};
    for (const side of order)
      gateways[side] = await start(
        'rampart-server.mjs',
        {
          profile,
          upstream: upstreamUrl,
          jwksUri,
          ...(side === 'B' && baselineDist ? { dist: baselineDist } : {}),
        },
        side === 'B' ? flagsB : [],
      );
    const load = (side, ms, warm) =>
      start('constant-rate.mjs', {
        url: `http://127.0.0.1:${gateways[side].info.port}`,
        rate,
        durationMs: ms,
        warmupMs: warm,
        connections: 32,
        requestsFile,
      });
    // Warm-up of both (JIT, token cache), then the measured period, both loaded at once.
    await Promise.all([load('A', warmupMs, 0), load('B', warmupMs, 0)]);
    const before = { A: cpuSeconds(gateways.A.child.pid), B: cpuSeconds(gateways.B.child.pid) };
    const results = await Promise.all([load('A', durationMs, 0), load('B', durationMs, 0)]);
    for (const [i, side] of ['A', 'B'].entries()) {
      const cpu = cpuSeconds(gateways[side].child.pid) - before[side];
      const r = results[i].info;
      sides[side].push({
        cpuUsPerRequest: (cpu / r.requests) * 1e6,
        p50: r.latencyMs.p50,
        p99: r.latencyMs.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      });
    }
    for (const side of ['A', 'B']) gateways[side].child.kill('SIGKILL');
    const a = sides.A.at(-1);
    const b = sides.B.at(-1);
    console.error(
      `round ${round}: A ${a.cpuUsPerRequest.toFixed(1)} µs/req (p99 ${a.p99.toFixed(1)} ms), B ${b.cpuUsPerRequest.toFixed(1)} µs/req (p99 ${b.p99.toFixed(1)} ms), load ${loadavg()[0].toFixed(2)}`,
    );
  }
  const a = median(sides.A.map((s) => s.cpuUsPerRequest));
  const b = median(sides.B.map((s) => s.cpuUsPerRequest));
  console.log(
    JSON.stringify({
      profile,
      rate,
      A: { build: 'current', cpuUsPerRequest: a, rounds: sides.A },
      B: { build: baselineDist ?? 'current', flags: flagsB, cpuUsPerRequest: b, rounds: sides.B },
      aOverB: a / b,
      loadavg: loadavg(),
    }),
  );
  console.error(
    `median CPU per request: A ${a.toFixed(1)} µs, B ${b.toFixed(1)} µs, A/B ${(a / b).toFixed(3)}`,
  );
  upstream.child.kill('SIGKILL');
  jwks.close();
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
