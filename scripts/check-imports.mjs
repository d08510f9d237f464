#!/usr/bin/env node
// Enforces the direction of imports between workspace packages (DESIGN.md, "Packages and the direction of imports").
// A package may import only the @rampart packages listed for it here, both in its sources and in package.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ALLOWED = {
  core: [],
  openapi: ['core'],
  injection: ['core'],
  reporters: ['core'],
  audit: ['core', 'openapi'],
  scan: ['core', 'openapi', 'injection'],
  gateway: ['core', 'openapi', 'injection'],
  monitor: ['core', 'openapi', 'injection'],
  store: ['core'],
  sensor: ['core'],
  console: ['core', 'store', 'reporters'],
  cli: [
    'core',
    'openapi',
    'injection',
    'reporters',
    'audit',
    'scan',
    'gateway',
    'monitor',
    'store',
    'sensor',
    'console',
  ],
};

const isExample = (name) => name.startsWith('example-');
const root = new URL('..', import.meta.url).pathname;
const problems = [];
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') yield* sourceFiles(path);
    } else if (/\.(ts|mts|js|mjs)$/.test(name)) yield path;
  }
}

const packagesDir = join(root, 'packages');
for (const pkg of readdirSync(packagesDir)) {
  const allowed = ALLOWED[pkg];
  if (!allowed) {
    problems.push(
      `packages/${pkg}: not in the import table; add it to scripts/check-imports.mjs and DESIGN.md`,
    );
    continue;
  }
  const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
  for (const dep of Object.keys({
    ...manifest.dependencies,
    ...manifest.devDependencies,
    ...manifest.peerDependencies,
  })) {
    const m = /^@rampart\/(.+)$/.exec(dep);
    // Example apps are never shipped; a package may use them as dev dependencies, in its tests only.
    if (m && isExample(m[1]) && dep in (manifest.devDependencies ?? {})) continue;
    if (m && !allowed.includes(m[1]))
      problems.push(`packages/${pkg}/package.json depends on ${dep}, which ${pkg} may not import`);
  }
  const dirs = ['src', 'test'].map((d) => join(packagesDir, pkg, d)).filter((d) => existsSync(d));
  for (const file of dirs.flatMap((d) => [...sourceFiles(d)])) {
    const isTest = /\.test\.[mc]?[jt]s$/.test(file) || file.includes(`${pkg}/test/`);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      const rel = relative(root, file);
      const m = /^@rampart\/([^/]+)/.exec(spec);
      if (m && isTest && isExample(m[1])) continue;
      if (m && m[1] !== pkg && !allowed.includes(m[1]))
        problems.push(`${rel} imports ${spec}: ${pkg} may import only ${allowed.join(', ') || 'nothing'}`);
      if (spec.startsWith('.') && /\.\.\/\.\.\/(?:\.\.\/)*(packages|examples)\//.test(spec))
        problems.push(
          `${rel} reaches into another package by relative path (${spec}); import its package name instead`,
        );
    }
  }
}

if (problems.length > 0) {
  console.error(
    `Import direction check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Import direction check: ok');
