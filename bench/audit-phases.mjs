#!/usr/bin/env node
// CPU time (user + system, all threads of this process) per phase of a JSON audit, in one fresh process, the way
// `rampart audit <file> --format json --output <file>` does it: Node start-up, importing the engines, loading
// the description, building the position index (the first `model.locate`), auditing (all rules), rendering the
// JSON report and writing it. CPU time is steadier than wall time on a shared machine; run it several times,
// alternating the builds compared.
//
// Prerequisite: `npx tsc -b packages/cli`. `--root <dir>` measures another build laid out like the repository
// (e.g. a copy of the previous commit's packages/*/dist), so before and after can be alternated in one session.
// Usage: node bench/audit-phases.mjs [file] [--root <dir>] [--json]
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const valued = new Set(['--root']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
const bench = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(opt('--root') ?? join(bench, '..'));
const file = positional[0] ?? join(bench, 'node_modules/@octokit/openapi/generated/api.github.com.json');
const dist = (pkg, path) => pathToFileURL(join(root, 'packages', pkg, 'dist', path)).href;

const cpu = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const phases = { startup: Math.round(cpu()) };
let last = cpu();
const mark = (name) => {
  const now = cpu();
  phases[name] = Math.round(now - last);
  last = now;
};

const { loadApi } = await import(dist('openapi', 'index.js'));
const { auditModel, BUILT_IN_RULES } = await import(dist('audit', 'index.js'));
const { renderReport } = await import(dist('reporters', 'index.js'));
const { buildAuditReport } = await import(dist('cli', 'build-audit-report.js'));
mark('imports');
const model = await loadApi(file);
mark('load');
model.locate(model.document);
mark('positionIndex');
const result = auditModel(model, { rules: BUILT_IN_RULES });
mark('audit');
const report = buildAuditReport(
  [
    {
      name: model.file,
      title: model.info.title,
      specVersion: model.versionString,
      operations: model.operations.length,
      findings: result.findings,
      accepted: [],
      suppressed: result.suppressed,
      engineErrors: result.engineErrors,
      score: result.score,
    },
  ],
  { rules: result.rulesRun, toolVersion: 'bench', startedAt: new Date(0), finishedAt: new Date(0) },
);
const text = renderReport('json', report, { color: false, baseDir: process.cwd() });
mark('render');
const out = join(tmpdir(), `rampart-audit-phases-${process.pid}.json`);
writeFileSync(out, text);
mark('write');
rmSync(out);
phases.total = Math.round(cpu());
const summary = {
  file: file.split('/').at(-1),
  root,
  cpuMs: phases,
  auditWallMs: Math.round(result.durationMs),
  findings: result.findings.length,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
if (args.includes('--json')) console.log(JSON.stringify(summary));
else {
  console.log(`${summary.file} (${root}): ${summary.findings} findings, peak RSS ${summary.peakRssMb} MB`);
  console.log(
    `CPU ms: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}
