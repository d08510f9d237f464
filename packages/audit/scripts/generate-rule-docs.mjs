#!/usr/bin/env node
// Regenerates docs/rules/*.md from the built-in rule definitions (the docs drift test runs the same renderer).
// Usage: node packages/audit/scripts/generate-rule-docs.mjs   (from the repository root; builds nothing itself)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const result = spawnSync('npx', ['vitest', 'run', 'packages/audit/src/render-rule-docs.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RAMPART_WRITE_RULE_DOCS: '1' },
});
process.exit(result.status ?? 1);
