import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('the built rampart binary', () => {
  beforeAll(() => {
    // Incremental: near-instant when dist is up to date (CI builds it in `npm ci` via `prepare`).
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b', 'packages/cli'], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 180_000);

  it('starts with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
  });

  it('prints its version and exits 0', () => {
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: {} });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.status).toBe(0);
  });

  it('sets the process exit code from main (2 for a usage error)', () => {
    const result = spawnSync(process.execPath, [bin, 'inspcet'], { encoding: 'utf8', env: {} });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "inspcet"');
  });
});
