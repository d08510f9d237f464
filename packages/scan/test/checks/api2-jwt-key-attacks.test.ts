import { type Finding, isAtLeast } from '@rampart/core';
import { SCAN_TAG_HEADER, type ScanResult } from '@rampart/scan';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanBankAsPartner } from '../scan-bank-as-partner.js';
import { summarize } from '../start-bank.js';

// The four key/header attacks against the bank's partner API (RS256 tokens with kid, JWKS at
// /.well-known/jwks.json): each flaw is found with every flaw on, its finding is gone with that flaw alone off,
// and nothing above low is reported with every flaw off but the rate limit.
const CHECKS = [
  'api2-jwt-key-confusion',
  'api2-jwt-embedded-jwk',
  'api2-jwt-key-url-injection',
  'api2-jwt-kid-injection',
] as const;

const at = (check: string, oracle: string) => (f: Finding) =>
  f.ruleId === check &&
  f.location.method === 'GET' &&
  f.location.path === '/partner/accounts/summary' &&
  f.evidence?.oracle === oracle;

const CASES: ReadonlyArray<{ flaw: string; check: string; matches: (f: Finding) => boolean }> = [
  {
    flaw: 'api2-jwt-key-confusion',
    check: 'api2-jwt-key-confusion',
    matches: at('api2-jwt-key-confusion', 'key-confusion-forged-token-accepted'),
  },
  {
    flaw: 'api2-jwt-jwk-header-trusted',
    check: 'api2-jwt-embedded-jwk',
    matches: at('api2-jwt-embedded-jwk', 'embedded-jwk-token-accepted'),
  },
  {
    flaw: 'api2-jwt-jku-followed',
    check: 'api2-jwt-key-url-injection',
    matches: (f) => f.ruleId === 'api2-jwt-key-url-injection',
  },
  {
    flaw: 'api2-jwt-kid-traversal',
    check: 'api2-jwt-kid-injection',
    matches: at('api2-jwt-kid-injection', 'kid-injection-forged-token-accepted'),
  },
];

describe('JWT key and header attacks on the bank partner API', () => {
  let all: ScanResult;
  beforeAll(async () => {
    all = await scanBankAsPartner({}, { only: [...CHECKS] });
  });

  it('runs every check without engine errors, within a bounded number of requests', () => {
    expect(all.engineErrors).toEqual([]);
    expect(all.checks.map((c) => c.id)).toEqual([...CHECKS]);
    const requests = Object.fromEntries(all.checks.map((c) => [c.id, c.requests]));
    console.log(`partner JWT attacks, requests per check: ${JSON.stringify(requests)}`);
    for (const run of all.checks) expect(run.requests, run.id).toBeLessThanOrEqual(30);
  });

  it.each(CASES.map((c) => [c.flaw, c]))('finds %s', (_flaw, c) => {
    const found = all.findings.filter(c.matches);
    expect(found, summarize(all).join('\n')).toHaveLength(1);
    const finding = found[0]!;
    expect(finding.severity).toBe('critical');
    expect(finding.owasp).toBe('API2');
    expect(finding.confidence).toBe('certain');
    expect(finding.evidence?.curl).toContain(`${SCAN_TAG_HEADER}: ${all.scanId}`);
    expect(JSON.stringify(finding)).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
    expect(JSON.stringify(finding)).not.toContain('pcs_demo_');
  });

  it('shows the differential oracle: the genuine token passes, a wrong signature is refused, the forgery passes', () => {
    const finding = all.findings.find(CASES[0]!.matches)!;
    const statuses = finding.evidence?.exchanges?.map((e) => e.response?.status);
    expect(statuses).toEqual([200, 200, 401, 200]);
    expect(finding.message).toMatch(
      /re-signed with HS256 using the SPKI PEM of the published RSA key "[\w-]+" from \/\.well-known\/jwks\.json/,
    );
    expect(finding.cwe).toBe(327);
  });

  it.each(CASES.map((c) => [c.flaw, c]))('%s off: no finding for it', async (flaw, c) => {
    const result = await scanBankAsPartner({ disabled: [flaw] }, { only: [c.check] });
    expect(result.engineErrors).toEqual([]);
    expect(
      result.findings.filter((f) => f.ruleId === c.check),
      summarize(result).join('\n'),
    ).toEqual([]);
  });

  it('every flaw off but the rate limit: nothing above low', async () => {
    const result = await scanBankAsPartner({ enabled: ['api4-no-rate-limit'] }, { only: [...CHECKS] });
    expect(result.engineErrors).toEqual([]);
    expect(result.findings.filter((f) => isAtLeast(f.severity, 'medium')).map((f) => f.message)).toEqual([]);
  });
});
