import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiModel } from '@rampart/openapi';
import { createTlsPostureCheck, probeTlsPosture, type ScanResult, scanTarget } from '@rampart/scan';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Certificates are made by openssl at test time: a private CA, and leaves it signs (good, expired, for
// another host name, with a 1024-bit key), plus a self-signed one.
const dir = mkdtempSync(join(tmpdir(), 'rampart-tls-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

function leaf(
  name: string,
  host: string,
  options: { bits?: number; days?: number; start?: string; end?: string } = {},
) {
  openssl(
    'req',
    '-new',
    '-newkey',
    `rsa:${options.bits ?? 2048}`,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${host}`,
  );
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${host}\n`);
  if (options.start !== undefined) {
    // `openssl ca` can back-date a certificate (x509 -days cannot): an expired certificate needs it.
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.crt`,
      '-startdate',
      options.start,
      '-enddate',
      options.end as string,
      '-extfile',
      `${name}.ext`,
      '-notext',
    );
  } else {
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      String(options.days ?? 30),
      '-extfile',
      `${name}.ext`,
    );
  }
  return { key: read(`${name}.key`), cert: read(`${name}.crt`) };
}

let ca: string;
let certs: Record<'good' | 'expired' | 'otherHost' | 'weakKey' | 'selfSigned', { key: string; cert: string }>;

beforeAll(() => {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '30',
    '-subj',
    '/CN=Rampart Test CA',
  );
  ca = read('ca.crt');
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca=test\n[test]\ndatabase=index.txt\nserial=serial\nnew_certs_dir=.\ncertificate=ca.crt\nprivate_key=ca.key\ndefault_md=sha256\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n',
  );
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'self.key',
    '-out',
    'self.crt',
    '-days',
    '30',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
  );
  certs = {
    good: leaf('good', 'localhost'),
    expired: leaf('expired', 'localhost', { start: '20200101000000Z', end: '20200201000000Z' }),
    otherHost: leaf('other', 'api.example.test'),
    weakKey: leaf('weak', 'localhost', { bits: 1024 }),
    selfSigned: { key: read('self.key'), cert: read('self.crt') },
  };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withServer<T>(
  options: ServerOptions,
  hsts: string | undefined,
  run: (port: number) => Promise<T>,
): Promise<T> {
  const server: Server = createServer(options, (_req, res) => {
    if (hsts !== undefined) res.setHeader('strict-transport-security', hsts);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const model = { operations: [], locatePointer: () => undefined } as unknown as ApiModel;
const HSTS_YEAR = 'max-age=31536000; includeSubDomains';

/** Runs only the TLS check against https://localhost:<port>, trusting the test CA (also for the HSTS request). */
async function scanTls(port: number): Promise<ScanResult> {
  const agent = new Agent({
    connect: { ca, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) },
  });
  try {
    return await scanTarget({
      model,
      target: `https://localhost:${port}`,
      options: {
        canary: false,
        checks: [createTlsPostureCheck({ ca })],
        transport: {
          async send(req) {
            const started = performance.now();
            const res = await request(req.url, {
              method: req.method as 'GET',
              headers: { ...req.headers },
              dispatcher: agent,
            });
            const body = await res.body.text();
            const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
            return {
              status: res.statusCode,
              headers,
              setCookies: [],
              body,
              truncated: false,
              durationMs: performance.now() - started,
              request: req,
            };
          },
        },
      },
    });
  } finally {
    await agent.close();
  }
}

const summary = (result: ScanResult) =>
  result.findings.map((f) => `${f.severity} ${f.location.method} ${f.message}`);

describe('api8-tls-posture', () => {
  it('reports nothing for a modern server with a valid certificate and a year of HSTS', async () => {
    const result = await withServer(certs.good, HSTS_YEAR, scanTls);
    expect(result.engineErrors).toEqual([]);
    expect(summary(result)).toEqual([]);
    expect(result.checks[0]?.requests).toBe(1);
  });

  it('reports TLS 1.0/1.1 and NULL/anonymous suites accepted, with a reproduction', async () => {
    const legacy = {
      ...certs.good,
      minVersion: 'TLSv1' as const,
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:NULL-SHA256:AECDH-AES128-SHA@SECLEVEL=0',
    };
    const result = await withServer(legacy, HSTS_YEAR, scanTls);
    const finding = result.findings.find((f) => f.location.method === 'TLS');
    expect(finding?.severity, finding?.message).toBe('high');
    expect(finding?.message).toContain('accepts TLSv1 and TLSv1.1 (deprecated by RFC 8996)');
    expect(finding?.message).toMatch(/without encryption or authentication: .*NULL-SHA256/);
    expect(finding?.message).toContain('AECDH-AES128-SHA');
    expect(finding?.evidence?.snippet).toContain('-tls1');
  });

  it.each([
    ['expired', () => certs.expired, /certificate expired on 2020-02-01/],
    [
      'for another host name',
      () => certs.otherHost,
      /certificate does not name localhost \(it names DNS:api\.example\.test\)/,
    ],
    ['self-signed', () => certs.selfSigned, /certificate is self-signed/],
    ['with a 1024-bit key', () => certs.weakKey, /certificate key is RSA 1024 bits, below 2048/],
  ])('reports a certificate %s', async (_name, pick, message) => {
    const options = { ...pick(), ciphers: 'DEFAULT@SECLEVEL=0' };
    const result = await withServer(options, HSTS_YEAR, scanTls);
    const cert = result.findings.find((f) => f.location.method === 'CERT');
    expect(cert?.message).toMatch(message);
    expect(summary(result).filter((s) => !s.includes(' CERT '))).toEqual([]);
  });

  it('reports a missing or short HSTS header once the certificate is valid', async () => {
    const missing = await withServer(certs.good, undefined, scanTls);
    expect(summary(missing)).toEqual([
      'low GET https responses have no Strict-Transport-Security header: browsers may be downgraded to http',
    ]);
    const short = await withServer(certs.good, 'max-age=300', scanTls);
    expect(summary(short)[0]).toContain('max-age is 300 s, below 15552000 s');
  });

  it('does nothing on an http target', async () => {
    const result = await scanTarget({
      model,
      target: 'http://127.0.0.1:9',
      options: { canary: false, checks: [createTlsPostureCheck()] },
    });
    expect(result.findings).toEqual([]);
    expect(result.engineErrors).toEqual([]);
    expect(result.requests).toBe(0);
  });

  it('probeTlsPosture reports protocols, certificate facts and the handshakes it made', async () => {
    const posture = await withServer(certs.good, HSTS_YEAR, (port) =>
      probeTlsPosture({ host: '127.0.0.1', port, servername: 'localhost', ca }),
    );
    expect(posture.protocols).toEqual({ TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true });
    expect(posture.weakCiphers).toEqual([]);
    expect(posture.certificate).toMatchObject({
      trusted: true,
      selfSigned: false,
      hostnameMatches: true,
      expired: false,
      keyType: 'rsa',
      keyBits: 2048,
    });
    expect(posture.handshakes).toBe(6);
  });
});
