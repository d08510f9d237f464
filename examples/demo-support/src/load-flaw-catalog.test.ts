import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFlawCatalog } from './load-flaw-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-flaw-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): URL {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return pathToFileURL(path);
}

describe('loadFlawCatalog', () => {
  it('reads the flaws and their ids in file order, frozen', () => {
    const url = write('ok.json', { flaws: [{ id: 'b-flaw', title: 'B' }, { id: 'a-flaw' }] });
    const catalog = loadFlawCatalog(url);
    expect(catalog.fileUrl).toBe(url);
    expect(catalog.ids).toEqual(['b-flaw', 'a-flaw']);
    expect(catalog.flaws[0]?.title).toBe('B');
    expect(Object.isFrozen(catalog.flaws)).toBe(true);
    expect(Object.isFrozen(catalog.flaws[0])).toBe(true);
    expect(Object.isFrozen(catalog.ids)).toBe(true);
  });

  it('rejects a file without a flaws array, naming the file', () => {
    const url = write('no-array.json', { flaws: {} });
    expect(() => loadFlawCatalog(url)).toThrow(TypeError);
    expect(() => loadFlawCatalog(url)).toThrow(/no-array\.json: "flaws" must be an array/);
  });

  it('rejects a repeated id, naming it', () => {
    const url = write('repeated.json', { flaws: [{ id: 'x' }, { id: 'x' }] });
    expect(() => loadFlawCatalog(url)).toThrow(/repeated\.json: flaw id must be a unique string, got "x"/);
  });

  it('rejects a missing id and a non-object entry', () => {
    expect(() => loadFlawCatalog(write('missing.json', { flaws: [{ title: 't' }] }))).toThrow(
      /got undefined/,
    );
    expect(() => loadFlawCatalog(write('null.json', { flaws: [null] }))).toThrow(/got undefined/);
  });
});
