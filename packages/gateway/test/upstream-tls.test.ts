import { once } from 'node:events';
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { RampartValidationError, Secret } from '@rampart/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions, type UpstreamTlsOptions } from '../src/index.js';
import { createUpstreamCertificates, type UpstreamCertificates } from './create-upstream-certificates.js';

/** What a TLS upstream saw of one request. */
interface SeenTls {
  readonly path: string;
  readonly userAgent: string | undefined;
  /** SNI the gateway sent (false: none). */
  readonly servername: string | false;
  /** Common name of the gateway's verified client certificate, if any. */
  readonly clientCn: string | undefined;
}

interface TlsUpstream {
  readonly port: number;
  readonly seen: SeenTls[];
  close(): Promise<void>;
}

let pki: UpstreamCertificates;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  pki = createUpstreamCertificates();
});
afterAll(() => pki.remove());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A real HTTPS server on 127.0.0.1:0 that answers 200 with what it saw; `requireClient`: mTLS with `pki.ca`. */
async function startTlsUpstream(
  server: { cert: string; key: string },
  options: { requireClient?: boolean; tls?: ServerOptions } = {},
): Promise<TlsUpstream> {
  const seen: SeenTls[] = [];
  const https: Server = createServer(
    {
      cert: readFileSync(server.cert),
      key: readFileSync(server.key),
      ...(options.requireClient
        ? { requestCert: true, rejectUnauthorized: true, ca: readFileSync(pki.ca) }
        : {}),
      ...options.tls,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const record: SeenTls = {
        path: req.url ?? '',
        userAgent: req.headers['user-agent'],
        servername: (socket as TLSSocket & { servername: string | false }).servername,
        clientCn: socket.authorized && peer.subject ? String(peer.subject.CN) : undefined,
      };
      seen.push(record);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(record));
    },
  );
  https.listen(0, '127.0.0.1');
  await once(https, 'listening');
  const upstream: TlsUpstream = {
    port: (https.address() as AddressInfo).port,
    seen,
    async close() {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
    },
  };
  cleanups.push(() => upstream.close());
  return upstream;
}

function gatewayOptions(
  port: number,
  tls: UpstreamTlsOptions | undefined,
  extra: Partial<GatewayOptions> = {},
) {
  return {
    listen: { port: 0 },
    adminListen: false as const,
    upstreams: [{ url: `https://127.0.0.1:${port}`, ...(tls ? { tls } : {}) }],
    ...extra,
  } satisfies GatewayOptions;
}

async function startGateway(options: GatewayOptions) {
  const gateway: Gateway = createGateway(options);
  const bound = await gateway.listen();
  cleanups.push(() => gateway.close());
  return { gateway, port: bound.port, admin: bound.admin };
}

async function get(port: number, path = '/hello') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** The configuration error `createGateway` throws for `options`. */
function configError(options: GatewayOptions): RampartValidationError {
  try {
    createGateway(options);
  } catch (error) {
    if (error instanceof RampartValidationError) return error;
    throw error;
  }
  throw new Error('createGateway accepted the options');
}

describe('TLS towards upstreams: private CA', () => {
  it('answers 502 (a problem without internal detail) without the CA, and 200 with it', async () => {
    const upstream = await startTlsUpstream(pki.serverIp);
    const without = await startGateway(gatewayOptions(upstream.port, undefined));
    const refused = await get(without.port);
    expect(refused.status).toBe(502);
    expect(refused.contentType).toBe('application/problem+json');
    expect(JSON.parse(refused.text)).toMatchObject({
      status: 502,
      detail: 'The upstream service is unavailable.',
    });
    expect(refused.text).not.toMatch(/certificate|verify|UNABLE|SELF_SIGNED|Upstream Test CA|127\.0\.0\.1/i);
    expect(upstream.seen).toHaveLength(0);

    const withCa = await startGateway(gatewayOptions(upstream.port, { caFile: pki.ca }));
    const ok = await get(withCa.port);
    expect(ok.status).toBe(200);
    // an IP-literal upstream gets no SNI (RFC 6066 §3) and is verified against its IP SAN
    expect(JSON.parse(ok.text)).toMatchObject({ path: '/hello', servername: false });
  });

  it('replaces the default trust: a bundle without the issuing CA fails verification', async () => {
    const upstream = await startTlsUpstream(pki.serverIp);
    const { port } = await startGateway(gatewayOptions(upstream.port, { caFile: pki.otherCa }));
    expect((await get(port)).status).toBe(502);
    // a bundle of several CAs, one of them the issuer, is accepted
    const bundle = `${pki.dir}/bundle.pem`;
    copyFileSync(pki.otherCa, bundle);
    appendFileSync(bundle, readFileSync(pki.ca));
    const both = await startGateway(gatewayOptions(upstream.port, { caFile: bundle }));
    expect((await get(both.port)).status).toBe(200);
  });

  it('rejectUnauthorized: false connects without verification (and is reported by the config audit)', async () => {
    const upstream = await startTlsUpstream(pki.serverIp);
    const { port } = await startGateway(gatewayOptions(upstream.port, { rejectUnauthorized: false }));
    expect((await get(port)).status).toBe(200);
  });

  it('minVersion TLSv1.3 refuses an upstream that only speaks TLS 1.2', async () => {
    const upstream = await startTlsUpstream(pki.serverIp, { tls: { maxVersion: 'TLSv1.2' } });
    const strict = await startGateway(
      gatewayOptions(upstream.port, { caFile: pki.ca, minVersion: 'TLSv1.3' }),
    );
    expect((await get(strict.port)).status).toBe(502);
    const lenient = await startGateway(gatewayOptions(upstream.port, { caFile: pki.ca }));
    expect((await get(lenient.port)).status).toBe(200);
  });

  it('reload() reads the CA file again and new requests use it', async () => {
    const upstream = await startTlsUpstream(pki.serverIp);
    const live = `${pki.dir}/live-ca.pem`;
    copyFileSync(pki.otherCa, live);
    const options = gatewayOptions(upstream.port, { caFile: live });
    const { gateway, port } = await startGateway(options);
    expect((await get(port)).status).toBe(502);
    copyFileSync(pki.ca, live);
    await gateway.reload(options);
    expect((await get(port)).status).toBe(200);
  });
});

describe('TLS towards upstreams: client certificate (mTLS)', () => {
  it('is refused without a client certificate and presents the configured one', async () => {
    const upstream = await startTlsUpstream(pki.serverIp, { requireClient: true });
    const without = await startGateway(gatewayOptions(upstream.port, { caFile: pki.ca }));
    expect((await get(without.port)).status).toBe(502);
    expect(upstream.seen).toHaveLength(0);

    const withCert = await startGateway(
      gatewayOptions(upstream.port, { caFile: pki.ca, certFile: pki.client.cert, keyFile: pki.client.key }),
    );
    const ok = await get(withCert.port, '/mtls');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ path: '/mtls', clientCn: 'rampart-gateway' });
  });

  it('decrypts an encrypted key with the passphrase, and never shows the passphrase', async () => {
    const upstream = await startTlsUpstream(pki.serverIp, { requireClient: true });
    const tls = {
      caFile: pki.ca,
      certFile: pki.client.cert,
      keyFile: pki.encryptedClientKey,
      passphrase: pki.passphrase,
    };
    const { gateway, port } = await startGateway(gatewayOptions(upstream.port, tls));
    expect(JSON.parse((await get(port)).text)).toMatchObject({ clientCn: 'rampart-gateway' });
    expect(JSON.stringify(gateway.options)).not.toContain(pki.passphrase);
    expect(String(gateway.options.upstreams[0]?.tls?.passphrase)).toBe('[redacted]');

    // a Secret is accepted as well
    const secret = await startGateway(
      gatewayOptions(upstream.port, { ...tls, passphrase: new Secret(pki.passphrase) }),
    );
    expect((await get(secret.port)).status).toBe(200);

    const wrong = configError(gatewayOptions(upstream.port, { ...tls, passphrase: 'not the passphrase' }));
    expect(wrong.problems).toHaveLength(1);
    expect(wrong.problems[0]).toMatchObject({ path: 'upstreams[0].tls.keyFile' });
    expect(wrong.problems[0]?.message).toMatch(/cannot be used with .*client\.crt/);
    expect(wrong.message).not.toContain('not the passphrase');
    const none = configError(gatewayOptions(upstream.port, { ...tls, passphrase: undefined as never }));
    expect(none.problems[0]?.hint).toMatch(/encrypted key needs passphrase/);
  });

  it('refuses a key that does not match the certificate, at construction', () => {
    const error = configError(gatewayOptions(1, { certFile: pki.client.cert, keyFile: pki.serverIp.key }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'upstreams[0].tls.keyFile',
        message: expect.stringMatching(/mismatch/),
      }),
    ]);
  });
});

describe('TLS towards upstreams: server name', () => {
  it('serverName sets SNI and the name verified, for an upstream addressed by IP', async () => {
    const upstream = await startTlsUpstream(pki.serverNamed);
    const byIp = await startGateway(gatewayOptions(upstream.port, { caFile: pki.ca }));
    expect((await get(byIp.port)).status).toBe(502); // the certificate names upstream.internal, not 127.0.0.1

    const named = await startGateway(
      gatewayOptions(upstream.port, { caFile: pki.ca, serverName: 'upstream.internal' }),
    );
    const ok = await get(named.port);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ servername: 'upstream.internal' });
  });

  it('a serverName the certificate does not carry fails verification (502)', async () => {
    const upstream = await startTlsUpstream(pki.serverNamed);
    const { port } = await startGateway(
      gatewayOptions(upstream.port, { caFile: pki.ca, serverName: 'other.internal' }),
    );
    expect((await get(port)).status).toBe(502);
    expect(upstream.seen).toHaveLength(0);
  });

  it('overrides the SNI taken from a host name in the URL', async () => {
    const upstream = await startTlsUpstream(pki.serverNamed);
    const { port } = await startGateway({
      ...gatewayOptions(upstream.port, undefined),
      upstreams: [
        {
          url: `https://localhost:${upstream.port}`,
          tls: { caFile: pki.ca, serverName: 'upstream.internal' },
        },
      ],
    });
    const ok = await get(port);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ servername: 'upstream.internal' });
  });
});

describe('TLS towards upstreams: health checks', () => {
  const healthCheck = { path: '/health', intervalMs: 20, unhealthyAfter: 1, healthyAfter: 1 };
  const readyz = async (admin: { port: number } | undefined) =>
    (await fetch(`http://127.0.0.1:${admin?.port}/readyz`)).status;
  const until = async (check: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 250 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('probes with the same CA and client certificate as requests', async () => {
    const upstream = await startTlsUpstream(pki.serverIp, { requireClient: true });
    const { admin } = await startGateway({
      ...gatewayOptions(upstream.port, {
        caFile: pki.ca,
        certFile: pki.client.cert,
        keyFile: pki.client.key,
      }),
      adminListen: { port: 0 },
      proxy: { healthCheck },
    });
    await until(() => upstream.seen.some((s) => s.path === '/health'));
    expect(upstream.seen.find((s) => s.path === '/health')).toMatchObject({
      userAgent: 'rampart-gateway-health-check',
      clientCn: 'rampart-gateway',
    });
    expect(await readyz(admin)).toBe(200);
  });

  it('marks the upstream down when its probes fail verification', async () => {
    const upstream = await startTlsUpstream(pki.serverIp, { requireClient: true });
    const { admin } = await startGateway({
      ...gatewayOptions(upstream.port, {
        caFile: pki.otherCa,
        certFile: pki.client.cert,
        keyFile: pki.client.key,
      }),
      adminListen: { port: 0 },
      proxy: { healthCheck },
    });
    await until(async () => (await readyz(admin)) === 503);
    expect(await readyz(admin)).toBe(503);
    expect(upstream.seen).toHaveLength(0);
  });
});

describe('TLS towards upstreams: configuration errors', () => {
  const paths = (error: RampartValidationError) => error.problems.map((p) => p.path);

  it('refuses a tls block on an http:// upstream', () => {
    const error = configError({
      adminListen: false,
      upstreams: [{ url: 'http://10.0.0.5:8080', tls: { caFile: pki.ca } }],
    });
    expect(error.code).toBe('RAMPART_ERR_CONFIG_INVALID');
    expect(error.problems).toEqual([
      {
        path: 'upstreams[0].tls',
        message: 'applies to https:// upstreams only, but the url is "http://10.0.0.5:8080/"',
        hint: 'use an https:// url, or remove the tls block',
      },
    ]);
  });

  it('lists every invalid setting with its path', () => {
    const error = configError({
      adminListen: false,
      upstreams: [
        'https://a.example',
        {
          url: 'https://b.example',
          tls: {
            certFile: pki.client.cert,
            minVersion: 'TLSv1.1' as 'TLSv1.2',
            serverName: '10.0.0.1',
            rejectUnauthorized: 'no' as unknown as boolean,
            caFiles: pki.ca,
          } as UpstreamTlsOptions,
        },
      ],
    });
    expect(paths(error).sort()).toEqual([
      'upstreams[1].tls.caFiles',
      'upstreams[1].tls.keyFile',
      'upstreams[1].tls.minVersion',
      'upstreams[1].tls.rejectUnauthorized',
      'upstreams[1].tls.serverName',
    ]);
    const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p]));
    expect(byPath['upstreams[1].tls.caFiles']?.hint).toBe('did you mean "caFile"?');
    expect(byPath['upstreams[1].tls.minVersion']?.message).toBe(
      'must be "TLSv1.2" or "TLSv1.3", got "TLSv1.1"',
    );
    expect(byPath['upstreams[1].tls.serverName']?.message).toBe('must be a DNS name, got "10.0.0.1"');
  });

  it('a passphrase of the wrong type is reported without its value', () => {
    const error = configError({
      adminListen: false,
      upstreams: [{ url: 'https://b.example', tls: { passphrase: 12345678 as unknown as string } }],
    });
    expect(error.message).not.toContain('12345678');
    expect(paths(error)).toEqual(['upstreams[0].tls.passphrase', 'upstreams[0].tls.passphrase']);
  });

  it('names the file that cannot be read or holds no certificate', () => {
    const error = configError({
      adminListen: false,
      upstreams: [
        'https://a.example',
        { url: 'https://b.example', tls: { caFile: `${pki.dir}/missing.pem` } },
        { url: 'https://c.example', tls: { caFile: pki.client.key } },
      ],
    });
    expect(error.problems).toEqual([
      {
        path: 'upstreams[1].tls.caFile',
        message: `cannot be read (ENOENT): "${pki.dir}/missing.pem"`,
        hint: 'give a readable PEM file',
      },
      expect.objectContaining({
        path: 'upstreams[2].tls.caFile',
        message: `has no PEM certificate ("-----BEGIN CERTIFICATE-----"): "${pki.client.key}"`,
      }),
    ]);
  });

  it('keeps the running configuration when a reload names a bad file', async () => {
    const upstream = await startTlsUpstream(pki.serverIp);
    const options = gatewayOptions(upstream.port, { caFile: pki.ca });
    const { gateway, port } = await startGateway(options);
    await expect(
      gateway.reload(gatewayOptions(upstream.port, { caFile: `${pki.dir}/gone.pem` })),
    ).rejects.toThrow(/upstreams\[0\]\.tls\.caFile: cannot be read \(ENOENT\)/);
    expect((await get(port)).status).toBe(200);
  });
});

describe('TLS towards upstreams: handshake failures', () => {
  it('retries an idempotent request on the next upstream, marks the failing one, counts kind "tls" and logs the cause once', async () => {
    const broken = await startTlsUpstream(pki.serverIp);
    const healthy = await startTlsUpstream(pki.serverIp);
    const warnings: string[] = [];
    const { admin, port } = await startGateway({
      listen: { port: 0 },
      adminListen: { port: 0 },
      // The first upstream trusts another CA: its handshake fails before any request byte is sent.
      upstreams: [
        { url: `https://127.0.0.1:${broken.port}`, tls: { caFile: pki.otherCa } },
        { url: `https://127.0.0.1:${healthy.port}`, tls: { caFile: pki.ca } },
      ],
      proxy: { retries: 1 },
      logger: { warn: (message) => warnings.push(message) },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(port)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(broken.seen).toHaveLength(0);
    expect(healthy.seen).toHaveLength(4);

    const metrics = await (await fetch(`http://127.0.0.1:${admin?.port}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(
        `rampart_gateway_upstream_errors_total\\{upstream="https://127\\.0\\.0\\.1:${broken.port}",kind="tls"\\} [1-9]`,
      ),
    );
    expect(metrics).not.toContain('kind="other"');
    const tlsWarnings = warnings.filter((w) => w.includes(`127.0.0.1:${broken.port}`));
    // Once per upstream and cause, however many requests failed on it.
    expect(tlsWarnings).toHaveLength(1);
    expect(tlsWarnings[0]).toMatch(/failed \(tls: [A-Z_]+\)/);
  });
});
