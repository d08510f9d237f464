import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCAN_TAG_HEADER } from '@rampart/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';
import {
  BANK_ENV,
  BANK_IDENTITIES_YAML,
  BANK_OPENAPI,
  recordBankHar,
  startBank,
  startDecoy,
  startRecordingProxy,
} from './scan-bank-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-scan-'));
writeFileSync(join(dir, 'identities.yaml'), BANK_IDENTITIES_YAML);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The bank is local: the rate cap is raised so the suite stays fast; checks are narrowed per test.
const FAST = ['--rate', '1000'];
const scan = (args: readonly string[], env: Record<string, string> = BANK_ENV) =>
  runMain(['scan', ...FAST, ...args], { cwd: dir, env });

describe('rampart scan against the vulnerable bank', () => {
  let bank: Awaited<ReturnType<typeof startBank>>;
  beforeAll(async () => {
    bank = await startBank();
  });
  afterAll(() => bank.close());

  it('finds BOLA with identities, prints the scan id, preflight and summary, and exits 1', async () => {
    const { code, stdout, stderr } = await scan([
      '--spec',
      BANK_OPENAPI,
      '--target',
      bank.url,
      '--identities',
      'identities.yaml',
      '--checks',
      'api1-bola,api8-security-headers',
      '--allow-writes',
      '--scan-id',
      'ci-42',
    ]);
    expect(stderr).toContain(`every request carries ${SCAN_TAG_HEADER}: ci-42`);
    expect(stderr).toContain(`${bank.url}: preflight ok: alice (200), bob (200), admin (200)`);
    expect(stdout).toContain('api1-bola');
    expect(stdout).toContain('GET /accounts/{accountId}');
    expect(stderr).toMatch(/host\s+score\s+grade\s+crit\s+high\s+med\s+low\s+info\s+requests\s+time/);
    expect(stderr).toMatch(new RegExp(`${bank.url}\\s+\\d+/100\\s+[A-F]\\s+\\d+\\s+[1-9]`));
    expect(stderr).toMatch(/rampart: failing: \d+ findings? at or above high \(--fail-on\)/);
    expect(code).toBe(1);
  });

  it('exits 0 with --fail-on none, and writes SARIF and JSON reports', async () => {
    const { code, stdout, stderr } = await scan([
      '--spec',
      BANK_OPENAPI,
      '--target',
      bank.url,
      '--checks',
      'api8-security-headers',
      '--fail-on',
      'none',
      '--format',
      'sarif,json',
      '--output',
      'reports/',
    ]);
    expect(stderr).not.toContain('failing');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('rampart: wrote sarif report to reports/rampart-scan.sarif');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports/rampart-scan.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('api8-security-headers');
    const json = JSON.parse(readFileSync(join(dir, 'reports/rampart-scan.json'), 'utf8'));
    expect(json.scores[0].subject).toBe(bank.url);
    expect(json.summary.hosts[0].requests).toBeGreaterThan(0);
  });

  it("takes the audit's test plan and says how many operations it puts first", async () => {
    const audit = await runMain(['audit', BANK_OPENAPI, '--plan', 'plan.json', '--fail-on', 'none'], {
      cwd: dir,
    });
    expect(audit.code).toBe(0);
    const { code, stderr } = await scan([
      '--spec',
      BANK_OPENAPI,
      '--target',
      bank.url,
      '--plan',
      'plan.json',
      '--checks',
      'api8-security-headers',
      '--fail-on',
      'none',
    ]);
    expect(stderr).toMatch(new RegExp(`${bank.url}: the test plan puts [1-9]\\d* operations first`));
    expect(code).toBe(0);
  });

  it('stops with exit 2 and names the identity whose preflight fails', async () => {
    const { code, stderr } = await scan(
      [
        '--spec',
        BANK_OPENAPI,
        '--target',
        bank.url,
        '--identities',
        'identities.yaml',
        '--checks',
        'api1-bola',
      ],
      { ...BANK_ENV, BANK_BOB_PASSWORD: 'wrong-password' },
    );
    expect(stderr).toMatch(/identity "bob"/);
    expect(stderr).toContain('RAMPART_ERR_SCAN_PREFLIGHT');
    expect(stderr).toMatch(new RegExp(`${bank.url}\\s+error`));
    expect(code).toBe(2);
  });
});

describe('rampart scan of several hosts', () => {
  it('scores each host of a hosts file; the secure bank scores higher', async () => {
    const vulnerable = await startBank();
    const secure = await startBank({ secure: true });
    try {
      writeFileSync(
        join(dir, 'hosts.txt'),
        `# two banks\n${vulnerable.url}\n\n${secure.url}   # the fixed one\n`,
      );
      const { code, stderr } = await scan([
        '--hosts',
        'hosts.txt',
        '--spec',
        BANK_OPENAPI,
        '--identities',
        'identities.yaml',
        '--allow-writes',
        '--checks',
        'api1-bola,api8-security-headers,api8-cors-misconfiguration',
        '--format',
        'json',
        '--output',
        'hosts.json',
        '--concurrency',
        '2',
      ]);
      expect(code).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, 'hosts.json'), 'utf8'));
      const score = (url: string) => report.scores.find((s: { subject: string }) => s.subject === url).score;
      expect(report.subjects.map((s: { name: string }) => s.name)).toEqual([vulnerable.url, secure.url]);
      expect(score(secure.url)).toBeGreaterThan(score(vulnerable.url));
      expect(stderr).toMatch(new RegExp(`${secure.url}\\s+${score(secure.url)}/100`));
    } finally {
      await Promise.all([vulnerable.close(), secure.close()]);
    }
  });
});

describe('rampart scan safety', () => {
  it('contacts only the target, tags every request with the scan id, and is read-only by default', async () => {
    const bank = await startBank();
    const proxy = await startRecordingProxy(bank.url);
    const decoy = await startDecoy();
    try {
      // The description's servers point at the decoy: the scanner must use --target, never them.
      const spec = readFileSync(BANK_OPENAPI, 'utf8').replace(
        /^servers:\n(\s+- .*\n)+/m,
        `servers:\n  - url: ${decoy.url}\n`,
      );
      expect(spec).toContain(decoy.url);
      writeFileSync(join(dir, 'decoy-servers.yaml'), spec);
      const { code, stderr } = await scan([
        '--spec',
        'decoy-servers.yaml',
        '--target',
        proxy.url,
        '--identities',
        'identities.yaml',
        '--checks',
        'api1-bola,api5-admin-functions,api8-cors-misconfiguration,api9-hidden-endpoints',
        '--fail-on',
        'none',
      ]);
      expect(code).toBe(0);
      const scanId = /every request carries x-rampart-scan: (\S+)/i.exec(stderr)?.[1];
      expect(scanId).toMatch(/^rs-[0-9a-f]{12}$/);
      expect(decoy.hits).toBe(0);
      expect(proxy.seen.length).toBeGreaterThan(10);
      expect(proxy.seen.filter((r) => r.headers['x-rampart-scan'] !== scanId)).toEqual([]);
      const unsafe = proxy.seen.filter((r) => !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(r.method));
      expect(new Set(unsafe.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['POST /auth/login']));
    } finally {
      await Promise.all([proxy.close(), decoy.close(), bank.close()]);
    }
  });
});

describe('rampart scan --har', () => {
  it('learns the endpoints from recorded traffic and finds BOLA and misconfiguration', async () => {
    const bank = await startBank();
    const decoy = await startDecoy();
    try {
      const har = await recordBankHar(bank.url, decoy.url);
      const hits = decoy.hits;
      writeFileSync(join(dir, 'traffic.har'), JSON.stringify(har));
      const { code, stdout, stderr } = await scan([
        '--har',
        'traffic.har',
        '--target',
        bank.url,
        '--identities',
        'identities.yaml',
        '--allow-writes',
        '--checks',
        'api1-bola,api8-security-headers,api8-cors-misconfiguration',
        '--format',
        'json',
      ]);
      expect(stderr).toMatch(
        new RegExp(`${bank.url}: learned \\d+ operations from \\d+ of \\d+ entries in traffic.har`),
      );
      expect(code).toBe(1);
      const report = JSON.parse(stdout);
      const found = report.findings.map(
        (f: { ruleId: string; location: { path: string } }) => `${f.ruleId} ${f.location.path}`,
      );
      expect(found).toContain('api1-bola /accounts/{accountId}');
      expect(found.some((f: string) => f.startsWith('api8-'))).toBe(true);
      expect(decoy.hits).toBe(hits);
    } finally {
      await Promise.all([decoy.close(), bank.close()]);
    }
  });
});

describe('rampart scan: usage errors (exit 2, nothing sent)', () => {
  it.each([
    [['--target', 'http://127.0.0.1:9'], /no description of the API at http:\/\/127\.0\.0\.1:9/],
    [['--spec', 'x.yaml'], /no target to scan/],
    [['--spec', 'x.yaml', '--target', 'ftp://h'], /--target "ftp:\/\/h" must be an http\(s\) origin/],
    [['--spec', 'x.yaml', '--target', 'http://h', '--checks', 'api1-bol'], /did you mean "api1-bola"/],
    [['--spec', 'x.yaml', '--target', 'http://h', '--destructive'], /--destructive needs write requests/],
    [
      ['--spec', 'x.yaml', '--target', 'http://h', '--max-time', 'soon'],
      /--max-time "soon" is not a duration/,
    ],
    [
      ['--spec', 'x.yaml', '--har', 'y.har', '--target', 'http://h'],
      /--spec and --har both describe the API/,
    ],
  ])('%j', async (args, message) => {
    const { code, stderr } = await scan(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
