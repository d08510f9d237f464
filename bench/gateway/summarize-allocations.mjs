#!/usr/bin/env node
// Summarizes a sampling heap profile (rampart-server.mjs with RAMPART_BENCH_ALLOCATIONS=<file>): bytes allocated
// by function (self) and by file, as shares of the total, and per request when --requests N is given.
//   node bench/gateway/summarize-allocations.mjs <file.heapprofile> [--top 40] [--requests N]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const top = Number(args.includes('--top') ? args[args.indexOf('--top') + 1] : 40);
const requests = args.includes('--requests') ? Number(args[args.indexOf('--requests') + 1]) : undefined;
const profile = JSON.parse(readFileSync(args[0], 'utf8'));
const bytesOf = new Map();
for (const sample of profile.samples)
  bytesOf.set(sample.nodeId, (bytesOf.get(sample.nodeId) ?? 0) + sample.size);
const byFunction = new Map();
const byFile = new Map();
let total = 0;
const visit = (node) => {
  const bytes = bytesOf.get(node.id) ?? 0;
  if (bytes > 0) {
    const frame = node.callFrame;
    const file = frame.url.replace(/^file:\/\/.*?\/(packages|node_modules|bench)\//, '$1/') || '(native)';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + bytes);
    byFile.set(file, (byFile.get(file) ?? 0) + bytes);
    total += bytes;
  }
  for (const child of node.children ?? []) visit(child);
};
visit(profile.head);
const show = (bytes) =>
  `${((bytes / total) * 100).toFixed(1).padStart(5)}%${requests ? `  ${(bytes / requests).toFixed(0).padStart(6)} B/req` : ''}`;
console.log(
  `sampled ${(total / 1e6).toFixed(1)} MB${requests ? `, ${(total / requests).toFixed(0)} B per request` : ''}\n`,
);
console.log('by function (self):');
for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(bytes)}  ${name}`);
console.log('\nby file:');
for (const [name, bytes] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${show(bytes)}  ${name}`);
