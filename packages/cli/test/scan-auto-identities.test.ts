import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';
import { BANK_OPENAPI, startBank } from './scan-bank-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-scan-auto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scan = (args: readonly string[]) =>
  runMain(['scan', '--rate', '1000', '--checks', 'api8-security-headers', '--fail-on', 'none', ...args], {
    cwd: dir,
  });

describe('rampart scan --auto-identities', () => {
  let bank: Awaited<ReturnType<typeof startBank>>;
  beforeAll(async () => {
    bank = await startBank({ secure: true });
  });
  afterAll(() => bank.close());

  it('signs up two throwaway users on the bank and proves them in preflight', async () => {
    const { code, stderr } = await scan(['--spec', BANK_OPENAPI, '--target', bank.url, '--auto-identities']);
    expect(stderr).toContain('rampart: auto-identities: two throwaway users will sign up');
    expect(stderr).not.toContain('no --identities');
    expect(stderr).toContain(`${bank.url}: preflight ok: auto-user-1 (200), auto-user-2 (200)`);
    expect(code).toBe(0);
  });

  it('reads autoIdentities and flows from identities.yaml, and a failing flow exits 2 naming it', async () => {
    writeFileSync(
      join(dir, 'ids.yaml'),
      `autoIdentities: true
flows:
  - name: peek
    as: auto-user-1
    steps:
      - { method: GET, path: /accounts/424242 }
`,
    );
    const { code, stderr } = await scan([
      '--spec',
      BANK_OPENAPI,
      '--target',
      bank.url,
      '--identities',
      'ids.yaml',
    ]);
    expect(stderr).toContain(`${bank.url}: not scanned\n`);
    expect(stderr).toContain(
      'rampart: flow "peek" step 1 (GET /accounts/424242) as auto-user-1 answered 404, expected 2xx (body: {"error":"account_not_found"',
    );
    expect(stderr).toContain('(RAMPART_ERR_SCAN_FLOW)');
    expect(code).toBe(2);
  });

  it('exits 2 with the position of a problem in identities.yaml', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'identities:\n  - name: a\n    bearer: t\n    colour: red\n');
    const { code, stderr } = await scan([
      '--spec',
      BANK_OPENAPI,
      '--target',
      bank.url,
      '--identities',
      'bad.yaml',
    ]);
    expect(stderr).toContain('identities[0].colour: unknown key "colour" (bad.yaml:4:5)');
    expect(code).toBe(2);
  });
});
