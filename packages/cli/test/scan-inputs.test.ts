import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCAN_CHECKS } from '@rampart/scan';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../src/parse-duration.js';
import { readHostsFile } from '../src/read-hosts-file.js';
import { readTestPlan } from '../src/read-test-plan.js';
import { selectScanChecks } from '../src/select-scan-checks.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-scan-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('readHostsFile', () => {
  it('reads origins with optional description paths relative to the file, skipping comments', async () => {
    const name = file(
      'hosts.txt',
      '# prod-like\nhttps://a.test/\n\nhttp://b.test:8080/api  specs/b.yaml # own spec\nhttp://c.test c.har\n',
    );
    expect(await readHostsFile(name, dir)).toEqual([
      { target: 'https://a.test', line: 2 },
      { target: 'http://b.test:8080/api', source: join(dir, 'specs/b.yaml'), line: 4 },
      { target: 'http://c.test', source: join(dir, 'c.har'), line: 5 },
    ]);
  });

  it('lists every bad line in one error', async () => {
    const name = file(
      'bad.txt',
      'ftp://x\nhttps://a.test\nhttps://a.test/\nhttps://u:p@d.test\nhttp://e.test a b\n',
    );
    const error = await readHostsFile(name, dir).catch((e) => e);
    expect(error.code).toBe('RAMPART_ERR_USAGE');
    expect(error.message).toContain('has 4 problems');
    expect(error.message).toContain('bad.txt:1: "ftp://x" is not an http(s) URL');
    expect(error.message).toContain('bad.txt:3: https://a.test is already listed on line 2');
    expect(error.message).toContain('bad.txt:4:');
    expect(error.message).toContain('bad.txt:5: unexpected "b"');
  });

  it('refuses a file without targets', async () => {
    await expect(readHostsFile(file('empty.txt', '# nothing\n'), dir)).rejects.toThrow('lists no target');
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2', 2000],
  ])('%s = %d ms', (text, ms) => expect(parseDuration(text, '--max-time')).toBe(ms));

  it.each(['', '0', '5 minutes', '-1s', 'm'])('rejects %j', (text) => {
    expect(() => parseDuration(text, '--max-time')).toThrow(/--max-time .* is not a duration/);
  });
});

describe('readTestPlan', () => {
  it('reads a version 1 plan', async () => {
    const name = file(
      'plan.json',
      JSON.stringify({
        version: 1,
        entries: [{ kind: 'bola', priority: 1, method: 'GET', path: '/a/{id}' }],
      }),
    );
    expect(await readTestPlan(name, dir)).toEqual({
      version: 1,
      entries: [{ kind: 'bola', priority: 1, method: 'GET', path: '/a/{id}' }],
    });
  });

  it.each([
    ['{', /is not JSON/],
    [JSON.stringify({ version: 2, entries: [] }), /must have "version": 1/],
    [
      JSON.stringify({ version: 1, entries: [{ method: 'GET' }] }),
      /entries\[0\] needs a string method and path/,
    ],
  ])('rejects %s', async (text, message) => {
    await expect(readTestPlan(file('p.json', text), dir)).rejects.toThrow(message);
  });
});

describe('selectScanChecks', () => {
  it('keeps the registered order, narrows with --checks and removes --skip', () => {
    expect(selectScanChecks(SCAN_CHECKS, undefined, undefined)).toEqual([...SCAN_CHECKS]);
    expect(
      selectScanChecks(SCAN_CHECKS, 'api8-security-headers, api1-bola', undefined).map((c) => c.id),
    ).toEqual(['api1-bola', 'api8-security-headers']);
    expect(selectScanChecks(SCAN_CHECKS, undefined, 'api1-bola').some((c) => c.id === 'api1-bola')).toBe(
      false,
    );
    expect(() => selectScanChecks(SCAN_CHECKS, 'api1-bola', 'api1-bola')).toThrow(
      'no scan check is left to run',
    );
  });
});
