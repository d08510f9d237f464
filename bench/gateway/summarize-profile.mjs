#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof, or run.mjs --cpu-prof): self time by function and by file, and
// inclusive time of the functions whose name matches --focus.
//   node bench/gateway/summarize-profile.mjs <file.cpuprofile> [--top 40] [--focus regex]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args[0];
const top = Number(args.includes('--top') ? args[args.indexOf('--top') + 1] : 40);
const focus = args.includes('--focus') ? new RegExp(args[args.indexOf('--focus') + 1]) : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^file:\/\/.*?\/(packages|node_modules)\//, '$1/');
  return `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`;
};
const fnSelf = new Map();
const fileSelf = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  fnSelf.set(label(n), (fnSelf.get(label(n)) ?? 0) + t);
  const f =
    n.callFrame.url.replace(/^file:\/\/.*?\/(packages|node_modules)\//, '$1/') ||
    `(${n.callFrame.functionName})`;
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + t);
}
const pct = (t) => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${(total / 1e6).toFixed(2)} s\n\nself time by function:`);
for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
console.log('\nself time by file:');
for (const [k, t] of [...fileSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
if (focus) {
  // Inclusive time: a sample counts once for each distinct matching function on its stack.
  const inclusive = new Map();
  for (const [id, t] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (focus.test(l) && !seen.has(l)) {
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) ?? 0) + t);
      }
    }
  }
  console.log(`\ninclusive time of functions matching ${focus}:`);
  for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(t)}  ${k}`);
}
