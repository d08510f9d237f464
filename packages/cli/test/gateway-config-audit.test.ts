import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from './gateway-fixture.js';
import { runMain } from './run-main.js';

const INSECURE = [
  'gateway:',
  '  listen: { host: 0.0.0.0 }',
  '  upstreams: [{ url: "http://127.0.0.1:3000" }]',
  '  tls: { cert: c.pem, key: k.pem, minVersion: TLSv1.1 }',
  `  routing: { spec: ${JSON.stringify(join(DEMO_DIR, 'openapi.yaml'))} }`,
  '  trustedProxies: [0.0.0.0/0]',
  '  policies:',
  '    jwt:',
  '      issuers:',
  '        - { issuer: "https://idp.example/", audience: [api], algorithms: [RS256, HS256], jwksUri: "https://idp.example/jwks" }',
  '      clockToleranceSeconds: 900',
  '    introspection: { endpoint: "https://idp.example/introspect", clientId: gw, clientSecret: s3cret-value, failMode: open }',
  '    rate-limit:',
  '      limits: [{ name: per-ip, by: [ip], limit: 100, windowSeconds: 60 }]',
  '    request-validation: { response: off }',
  '    injection: { mode: observe }',
  '',
].join('\n');

describe('rampart audit --gateway-config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-gateway-audit-'));
    await writeFile(join(dir, 'insecure.yaml'), INSECURE);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("passes the demo's configuration", async () => {
    const result = await runMain(['audit', '--gateway-config', 'rampart.yaml', '--format', 'json'], {
      cwd: DEMO_DIR,
    });
    expect(result.stderr).toMatch(/audited 1 document: 0 findings/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });

  it('flags every insecure setting at its line, and exits 2 because the gateway would refuse TLS 1.1', async () => {
    const result = await runMain(['audit', '--gateway-config', 'insecure.yaml', '--format', 'json'], {
      cwd: dir,
    });
    const report = JSON.parse(result.stdout);
    const found = Object.fromEntries(
      report.findings.map(
        (f: { ruleId: string; location: { document: { line: number; pointer: string } } }) => [
          f.ruleId,
          `${f.location.document.pointer}@${f.location.document.line}`,
        ],
      ),
    );
    expect(found).toMatchObject({
      'gateway-tls-outdated-version': '/gateway/tls/minVersion@4',
      'gateway-trusted-proxies-too-wide': '/gateway/trustedProxies/0@6',
      'gateway-jwt-weak-algorithms': '/gateway/policies/jwt/issuers/0/algorithms@10',
      'gateway-jwt-clock-tolerance-too-long': '/gateway/policies/jwt/clockToleranceSeconds@11',
      'gateway-authentication-fail-open': '/gateway/policies/introspection/failMode@12',
      'gateway-rate-limit-only-by-ip': '/gateway/policies/rate-limit/limits@14',
      'gateway-response-validation-off': '/gateway/policies/request-validation/response@15',
      'gateway-injection-not-blocking': '/gateway/policies/injection/mode@16',
      'gateway-business-flow-without-quota': '/gateway/policies/rate-limit@14',
    });
    expect(found).not.toHaveProperty('gateway-plain-http-exposed');
    expect(found).not.toHaveProperty('gateway-no-authentication');
    // request-validation is configured (requests validated by default); only responses are off.
    expect(found).not.toHaveProperty('gateway-request-validation-off');
    // The secret is never echoed; the schema problem (TLSv1.1) makes the run exit 2.
    expect(result.stdout + result.stderr).not.toContain('s3cret-value');
    expect(result.stderr).toMatch(/gateway\.tls\.minVersion: must be one of TLSv1\.2, TLSv1\.3/);
    expect(result.code).toBe(2);
  });

  it('audits a description and a gateway configuration together, with rule selection by id prefix', async () => {
    const result = await runMain(
      [
        'audit',
        'openapi.yaml',
        '--gateway-config',
        'rampart.yaml',
        '--format',
        'json',
        '--fail-on',
        'none',
        '--disable',
        'gateway-no-rate-limit,string-without-max-length',
      ],
      { cwd: DEMO_DIR },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const subjects = report.subjects.map((s: { name: string }) => s.name);
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toMatch(/openapi\.yaml$/);
    expect(subjects[1]).toBe('rampart.yaml');
    expect(report.rules.some((r: { id: string }) => r.id === 'gateway-no-authentication')).toBe(true);
    expect(report.rules.some((r: { id: string }) => r.id === 'gateway-no-rate-limit')).toBe(false);
  });
});
