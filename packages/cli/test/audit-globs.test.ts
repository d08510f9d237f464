import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isRampartError } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { expandDocumentGlobs } from '../src/expand-document-globs.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-globs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const file of [
  'api.yaml',
  'api.json',
  'b.yml',
  '.hidden.yaml',
  'specs/a.yaml',
  'specs/v1/b.yaml',
  'specs/v1/deep/c.yaml',
  'specs/v2/d.yaml',
  'specs/v2/d.json',
  'specs/.cache/e.yaml',
  'specs/node_modules/pkg/f.yaml',
  'node_modules/pkg/g.yaml',
  'x1.yaml',
  'x22.yaml',
]) {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), '');
}
mkdirSync(join(dir, 'loop'));
symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
symlinkSync(join(dir, 'specs', 'v1'), join(dir, 'linked'));

/** Matches of `patterns`, relative to the test directory. */
async function expand(...patterns: string[]): Promise<string[]> {
  const sources = await expandDocumentGlobs(patterns, dir);
  return sources.map((s) => (s.path.startsWith(dir) ? s.path.slice(dir.length + 1) : s.path));
}

describe('expandDocumentGlobs', () => {
  it('matches * within one directory, not hidden files', async () => {
    expect(await expand('*.yaml')).toEqual(['api.yaml', 'x1.yaml', 'x22.yaml']);
    expect(await expand('.*.yaml')).toEqual(['.hidden.yaml']);
    expect(await expand('specs/*')).toEqual(['specs/a.yaml']);
  });

  it('matches ? as exactly one character', async () => {
    expect(await expand('x?.yaml')).toEqual(['x1.yaml']);
    expect(await expand('x??.yaml')).toEqual(['x22.yaml']);
  });

  it('matches ** across zero or more directories, skipping hidden ones and node_modules', async () => {
    expect(await expand('specs/**/*.yaml')).toEqual([
      'specs/a.yaml',
      'specs/v1/b.yaml',
      'specs/v1/deep/c.yaml',
      'specs/v2/d.yaml',
    ]);
    expect(await expand('specs/**/deep/*.yaml')).toEqual(['specs/v1/deep/c.yaml']);
    expect(await expand('specs/node_modules/**/*.yaml')).toEqual(['specs/node_modules/pkg/f.yaml']);
    expect(await expand('specs/.cache/*.yaml')).toEqual(['specs/.cache/e.yaml']);
  });

  it('does not follow symbolic links through ** (no loops), but does when a segment names them', async () => {
    const all = await expand('**/*.yaml');
    expect(all).not.toContain('linked/b.yaml');
    expect(all.some((p) => p.startsWith('loop/'))).toBe(false);
    expect(await expand('linked/*.yaml')).toEqual(['linked/b.yaml']);
  });

  it('expands {a,b} alternatives, nested too', async () => {
    expect(await expand('api.{yaml,json}')).toEqual(['api.json', 'api.yaml']);
    expect(await expand('specs/{v1,v2/*.{json,yaml}}')).toEqual(['specs/v2/d.json', 'specs/v2/d.yaml']);
    expect(await expand('specs/{v1,v2}/*.yaml')).toEqual(['specs/v1/b.yaml', 'specs/v2/d.yaml']);
  });

  it('keeps literal paths and URLs as given, existing or not, in order and without duplicates', async () => {
    const sources = await expandDocumentGlobs(
      ['missing.yaml', 'https://example.test/openapi.json', 'api.yaml', './api.yaml', '*.yaml'],
      dir,
    );
    expect(sources).toEqual([
      { path: join(dir, 'missing.yaml') },
      { path: 'https://example.test/openapi.json' },
      { path: join(dir, 'api.yaml') },
      { path: join(dir, 'x1.yaml'), pattern: '*.yaml' },
      { path: join(dir, 'x22.yaml'), pattern: '*.yaml' },
    ]);
  });

  it('works with absolute patterns', async () => {
    expect(await expand(`${dir}/specs/v*/*.json`)).toEqual(['specs/v2/d.json']);
  });

  it('throws a usage error naming a pattern that matches nothing', async () => {
    const error = await expandDocumentGlobs(['api.yaml', 'specs/**/*.yml'], dir).catch((e: unknown) => e);
    expect(isRampartError(error) && error.code).toBe('RAMPART_ERR_USAGE');
    expect((error as Error).message).toBe('no file matches "specs/**/*.yml"');
    const braces = await expandDocumentGlobs(['{nope,none}.yaml'], dir).catch((e: unknown) => e);
    expect((braces as Error).message).toBe('no file matches "{nope,none}.yaml"');
  });
});
