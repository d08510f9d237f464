#!/usr/bin/env node
// Writes docs/schema/rampart.schema.json and docs/configuration.md from the configuration schema in
// packages/cli/src/config/config-schema.ts (through the built package, so run `tsc -b packages/cli` first;
// `npm run generate:docs -w @rampart/cli` does both). With --check, writes nothing and exits 1 on drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA, renderConfigDocs } from '../dist/index.js';

const root = new URL('../../../', import.meta.url);
const outputs = [
  [new URL('docs/schema/rampart.schema.json', root), `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`],
  [new URL('docs/configuration.md', root), renderConfigDocs()],
];

const check = process.argv.includes('--check');
let drifted = 0;
for (const [url, text] of outputs) {
  let current;
  try {
    current = readFileSync(url, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    console.error(`${url.pathname} is out of date; run: npm run generate:docs -w @rampart/cli`);
    drifted++;
  } else {
    writeFileSync(url, text);
    console.log(`wrote ${url.pathname}`);
  }
}
if (!check && drifted === 0) console.log('configuration docs and schema are up to date');
process.exitCode = drifted ? 1 : 0;
