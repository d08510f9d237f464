import { copyFileSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';
import { collectEvents } from './collect-events.js';
import { createTestCertificates, type TestCertificates } from './create-test-certificates.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

let pki: TestCertificates;
let upstream: TestUpstream;
let ca: Buffer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  pki = createTestCertificates();
  ca = readFileSync(pki.files.ca!.cert);
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream.close();
  pki.remove();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(tls: GatewayOptions['tls'], extra: Partial<GatewayOptions> = {}) {
  const gateway: Gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    ...(tls ? { tls } : {}),
    ...extra,
  });
  const { port } = await gateway.listen();
  cleanups.push(() => gateway.close());
  return { gateway, port };
}

interface TlsResult {
  readonly protocol?: string | null;
  readonly error?: string;
  readonly status?: number;
  readonly headers?: Record<string, unknown>;
  readonly body?: string;
  readonly peer?: PeerCertificate;
}

/** One HTTPS GET with a fresh connection; resolves with the outcome instead of throwing. */
function get(
  port: number,
  options: { cert?: string; key?: string; minVersion?: string; maxVersion?: string; path?: string } = {},
): Promise<TlsResult> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? '/tls',
        ca,
        agent: false,
        ...(options.cert
          ? { cert: readFileSync(options.cert), key: readFileSync(options.key as string) }
          : {}),
        ...(options.minVersion
          ? {
              minVersion: options.minVersion as 'TLSv1.2',
              maxVersion: options.maxVersion as 'TLSv1.2',
              ciphers: 'DEFAULT@SECLEVEL=0',
            }
          : {}),
      },
      (res) => {
        const socket = res.socket as import('node:tls').TLSSocket;
        const protocol = socket.getProtocol();
        const peer = socket.getPeerCertificate();
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () =>
          resolve({ protocol, status: res.statusCode ?? 0, headers: res.headers, body, peer }),
        );
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: `${e.code}: ${e.message}` }));
    req.end();
  });
}

describe('TLS termination', () => {
  it('accepts TLS 1.2 and 1.3, refuses TLS 1.1 and 1.0 with a protocol alert, and sends HSTS', async () => {
    const { port } = await start({ certFile: pki.files.server!.cert, keyFile: pki.files.server!.key });
    const v13 = await get(port);
    expect(v13).toMatchObject({ protocol: 'TLSv1.3', status: 200 });
    expect(v13.headers?.['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await get(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).protocol).toBe('TLSv1.2');
    // alert 70 (protocol_version) comes from the server: the client was willing to talk TLS 1.1 / 1.0
    expect((await get(port, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' })).error).toMatch(
      /alert protocol version/,
    );
    expect((await get(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1' })).error).toMatch(
      /alert protocol version/,
    );
    const forwarded = upstream.seen.at(-1)?.headers;
    expect(forwarded?.['x-forwarded-proto']).toBe('https');
  });

  it('offers only forward-secret AEAD suites on TLS 1.2', async () => {
    const { port } = await start({ certFile: pki.files.server!.cert, keyFile: pki.files.server!.key });
    const refused = await new Promise<string>((resolve) => {
      const s = connect({
        host: '127.0.0.1',
        port,
        ca,
        maxVersion: 'TLSv1.2',
        ciphers: 'AES128-SHA:AES256-SHA256:ECDHE-RSA-AES128-SHA',
      });
      s.on('secureConnect', () => {
        resolve(`connected with ${s.getCipher().name}`);
        s.end();
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toMatch(/^ERR_SSL/);
  });

  it('reloads the certificate without a restart, by reloadCertificates() and by watching the files', async () => {
    const dir = pki.dir;
    copyFileSync(pki.files.server!.cert, `${dir}/live.crt`);
    copyFileSync(pki.files.server!.key, `${dir}/live.key`);
    const { gateway, port } = await start({
      certFile: `${dir}/live.crt`,
      keyFile: `${dir}/live.key`,
      watchIntervalMs: 50,
    });
    expect((await get(port)).peer?.subject.CN).toBe('gateway-one');
    copyFileSync(pki.files.server2!.cert, `${dir}/live.crt`);
    copyFileSync(pki.files.server2!.key, `${dir}/live.key`);
    gateway.reloadCertificates();
    expect((await get(port)).peer?.subject.CN).toBe('gateway-two');

    // the watcher picks up a change on its own
    copyFileSync(pki.files.server!.cert, `${dir}/live.crt`);
    copyFileSync(pki.files.server!.key, `${dir}/live.key`);
    let cn = 'gateway-two';
    for (let i = 0; i < 100 && cn === 'gateway-two'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      cn = String((await get(port)).peer?.subject.CN ?? '');
    }
    expect(cn).toBe('gateway-one');
  });

  it('keeps the old certificate when the new files are unusable', async () => {
    const dir = pki.dir;
    copyFileSync(pki.files.server!.cert, `${dir}/keep.crt`);
    copyFileSync(pki.files.server!.key, `${dir}/keep.key`);
    const { gateway, port } = await start({
      certFile: `${dir}/keep.crt`,
      keyFile: `${dir}/keep.key`,
      watchIntervalMs: 0,
    });
    copyFileSync(pki.files.server2!.key, `${dir}/keep.key`); // key no longer matches the certificate
    expect(() => gateway.reloadCertificates()).toThrow(/tls: certificate, key or CA cannot be used/);
    expect((await get(port)).peer?.subject.CN).toBe('gateway-one');
  });

  it('reports an unreadable certificate at construction', () => {
    expect(() =>
      createGateway({
        upstreams: [upstream.url],
        adminListen: false,
        tls: { certFile: '/nonexistent.crt', keyFile: '/nonexistent.key' },
      }),
    ).toThrow(/tls.certFile: cannot be read \(ENOENT\)/);
  });
});

describe('mutual TLS', () => {
  const mtls = (
    allow?: { subjects?: string[]; subjectAltNames?: string[] },
    mode: 'required' | 'optional' = 'required',
  ) => ({
    certFile: pki.files.server!.cert,
    keyFile: pki.files.server!.key,
    clientCertificate: { caFile: pki.files.ca!.cert, mode, ...(allow ? { allow } : {}) },
  });

  it('requires a client certificate from the CA and binds it to the identity', async () => {
    const events = collectEvents();
    const { port } = await start(mtls(), { eventSink: events.sink });
    // no certificate, or one from another CA: the server ends the handshake with an alert
    expect((await get(port)).error).toMatch(/alert|socket hang up|ECONNRESET/);
    expect((await get(port, pki.files.rogueClient)).error).toMatch(
      /alert (unknown ca|bad certificate)|ECONNRESET/,
    );
    const ok = await get(port, { ...pki.files.clientA, path: '/who' });
    expect(ok.status).toBe(200);
    const event = await events.waitFor((e) => e.path === '/who');
    expect(event.identity).toMatchObject({ subject: 'client-a', method: 'mtls' });
    expect(event.identity?.credentialFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(event.auth).toBe('success');
  });

  it('enforces subject and SAN allow rules', async () => {
    const { port } = await start(mtls({ subjectAltNames: ['URI:spiffe://test/client-a'] }));
    expect((await get(port, pki.files.clientA)).status).toBe(200);
    const b = await get(port, pki.files.clientB);
    expect(b.status).toBe(403);
    expect(JSON.parse(b.body ?? '{}')).toMatchObject({ status: 403, title: 'Forbidden' });
    const bySubject = await start(mtls({ subjects: ['client-b'] }));
    expect((await get(bySubject.port, pki.files.clientB)).status).toBe(200);
    expect((await get(bySubject.port, pki.files.clientA)).status).toBe(403);
  });

  it('in optional mode lets anonymous clients through and refuses untrusted certificates with 401', async () => {
    const { port } = await start(mtls(undefined, 'optional'));
    expect((await get(port)).status).toBe(200);
    expect((await get(port, pki.files.rogueClient)).status).toBe(401);
    expect((await get(port, pki.files.clientB)).status).toBe(200);
  });
});
