#!/usr/bin/env node
// Loads and audits GitHub's REST description with the BUILT packages (run `npx tsc -b packages/audit` first).
// Prints load time, audit time, peak RSS, findings per rule and the slowest rules. `--json` for machine output.
// Usage: node bench/audit-github.mjs [--json] [--runs N]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { auditModel } from '../packages/audit/dist/index.js';
import { loadApi } from '../packages/openapi/dist/index.js';

const file = fileURLToPath(
  new URL('./node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url),
);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 1;

const wallStart = performance.now();
const loadStart = performance.now();
const model = await loadApi(file);
const loadMs = performance.now() - loadStart;

const auditTimes = [];
const auditCpu = [];
let result;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  result = auditModel(model);
  auditTimes.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  auditCpu.push((used.user + used.system) / 1000);
}
const wallMs = performance.now() - wallStart;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const perRule = new Map();
for (const f of result.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
const slowest = [...result.timings].sort((a, b) => b.ms - a.ms).slice(0, 10);
const report = {
  file: 'api.github.com.json',
  operations: model.operations.length,
  schemas: model.schemas.length,
  rules: result.rulesRun.length,
  loadMs: Math.round(loadMs),
  auditMs: auditTimes.map(Math.round),
  // CPU time of the audit (user + system, all threads): steadier than wall time on a shared machine.
  auditCpuMs: auditCpu.map(Math.round),
  wallMs: Math.round(wallMs),
  peakRssMb: Math.round(peakRssMb),
  // 1-minute load average at the end: on a shared machine, wall time means little without it.
  loadAverage: Math.round(loadavg()[0] * 10) / 10,
  findings: result.findings.length,
  suppressed: result.suppressed.length,
  engineErrors: result.engineErrors,
  score: { score: result.score.score, grade: result.score.grade, uncapped: result.score.uncapped },
  findingsPerRule: Object.fromEntries([...perRule].sort((a, b) => b[1] - a[1])),
  slowestRules: slowest.map((t) => ({ ruleId: t.ruleId, ms: Math.round(t.ms * 10) / 10 })),
};
if (args.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(
    `GitHub REST description: ${report.operations} operations, ${report.schemas} schemas, ${report.rules} rules`,
  );
  console.log(
    `load ${report.loadMs} ms, audit ${report.auditMs.join('/')} ms (cpu ${report.auditCpuMs.join('/')} ms), wall ${report.wallMs} ms, peak RSS ${report.peakRssMb} MB, load average ${report.loadAverage}`,
  );
  console.log(
    `findings ${report.findings}, engine errors ${report.engineErrors.length}, score ${report.score.score} (${report.score.grade}), uncapped ${report.score.uncapped}`,
  );
  console.log('findings per rule:');
  for (const [id, n] of Object.entries(report.findingsPerRule))
    console.log(`  ${String(n).padStart(6)}  ${id}`);
  console.log('slowest rules:');
  for (const t of report.slowestRules) console.log(`  ${String(t.ms).padStart(8)} ms  ${t.ruleId}`);
  for (const e of report.engineErrors) console.log(`ENGINE ERROR ${e.ruleId}: ${e.message}`);
}
