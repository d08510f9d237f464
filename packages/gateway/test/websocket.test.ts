import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp, createServer as createTcpServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadApiFromString } from '@rampart/openapi';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { createTestCertificates } from './create-test-certificates.js';
import {
  encodeFrame,
  OPCODE,
  openWebSocket,
  startWebSocketUpstream,
  type WebSocketUpstream,
} from './websocket-peers.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: WebSocket test, version: '1' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
paths:
  /ws/echo:
    get: { operationId: echo, responses: { '101': { description: switching } } }
  /ws/refused:
    get: { responses: { '101': { description: switching } } }
  /ws/limited:
    get: { operationId: limited, responses: { '101': { description: switching } } }
  /ws/users/{userId}:
    get:
      operationId: userChannel
      security: [{ bearer: [] }]
      parameters: [{ name: userId, in: path, required: true, schema: { type: string } }]
      responses: { '101': { description: switching } }
  /orders:
    post: { responses: { '201': { description: created } } }
`;

const SECRET = new TextEncoder().encode('a-websocket-test-hmac-secret-of-32-bytes!');
const ISSUER = 'https://idp.websocket.test/';

const token = (sub: string) =>
  new SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience('api')
    .setExpirationTime('5m')
    .sign(SECRET);

let upstream: WebSocketUpstream;
let events: EventCollector;
let model: Awaited<ReturnType<typeof loadApiFromString>>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  model = await loadApiFromString(DESCRIPTION, 'websocket.yaml');
  upstream = await startWebSocketUpstream();
});
afterAll(async () => {
  await upstream.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  upstream.answer(() => true);
});

async function start(extra: Partial<GatewayOptions> = {}, target = upstream.url) {
  events = collectEvents();
  const gateway: Gateway = createGateway({
    listen: { port: 0 },
    adminListen: { port: 0 },
    upstreams: [target],
    routing: { model },
    eventSink: events.sink,
    logger: { warn: () => undefined },
    shutdownTimeoutMs: 200,
    policies: {
      jwt: {
        issuers: [
          {
            issuer: ISSUER,
            audience: 'api',
            algorithms: ['HS256'],
            keys: [{ kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }],
          },
        ],
      },
      authorize: {
        objects: [
          {
            operation: 'userChannel',
            object: { from: 'path', name: 'userId' },
            owner: { claim: 'sub' },
          },
        ],
      },
      'rate-limit': {
        limits: [{ name: 'ws', by: ['ip'], limit: 2, windowSeconds: 3600, operations: ['limited'] }],
      },
    },
    ...extra,
  });
  const address = await gateway.listen();
  cleanups.push(() => gateway.close());
  return { gateway, port: address.port, admin: address.admin?.port as number };
}

function metrics(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve(text));
    })
      .on('error', reject)
      .end();
  });
}

const metric = (text: string, name: string): number =>
  Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe('WebSocket tunnels', () => {
  it('proxies a handshake and messages both ways, bytes sent with the handshake included', async () => {
    const { port } = await start();
    const before = upstream.sessions.length;
    const ws = await openWebSocket(port, '/ws/echo?room=1', {
      headers: { 'Sec-WebSocket-Protocol': 'chat, superchat' },
      after: encodeFrame(OPCODE.text, 'early', true),
    });
    expect(ws.status).toBe(101);
    expect(ws.headers['upgrade']).toBe('websocket');
    expect(ws.headers['connection']).toBe('Upgrade');
    expect(ws.headers['sec-websocket-protocol']).toBe('chat');
    expect(ws.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    expect((await ws.reader.frame(0)).payload.toString()).toBe('echo:early');
    ws.send('hello');
    ws.send('x'.repeat(300));
    expect((await ws.reader.frame(1)).payload.toString()).toBe('echo:hello');
    expect((await ws.reader.frame(2)).payload.toString()).toBe(`echo:${'x'.repeat(300)}`);

    const session = await upstream.session(before);
    const seen = session.request;
    expect(seen.url).toBe('/ws/echo?room=1');
    expect(seen.headers['upgrade']).toBe('websocket');
    expect(seen.headers['connection']).toBe('Upgrade');
    expect(seen.headers['sec-websocket-version']).toBe('13');
    expect(seen.headers['sec-websocket-protocol']).toBe('chat, superchat');
    expect(seen.headers['x-request-id']).toBe(ws.headers['x-request-id']);
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['via']).toBe('1.1 rampart');

    // The client's close handshake: the upstream answers and closes, the gateway closes the client.
    ws.socket.write(encodeFrame(OPCODE.close, Buffer.from([0x03, 0xe8]), true));
    expect((await ws.reader.frame(3)).opcode).toBe(OPCODE.close);
    await ws.closed;
    await session.closed;

    const event = await events.waitFor((e) => e.status === 101);
    expect(event).toMatchObject({
      method: 'GET',
      route: '/ws/echo',
      operationId: 'echo',
      verdict: 'allow',
      id: ws.headers['x-request-id'],
    });
    const sent = [encodeFrame(OPCODE.text, 'early', true), encodeFrame(OPCODE.text, 'hello', true)];
    // Masked client frames: 6 bytes of header and mask each (8 for the 300-byte one), plus the close frame.
    expect(event.requestSize).toBe(sent[0]!.length + sent[1]!.length + 8 + 300 + 6 + 2);
    // Unmasked server frames: 2 bytes of header (4 for the long one) and the close frame.
    expect(event.responseSize).toBe(2 + 10 + 2 + 10 + 4 + 305 + 2 + 2);
  });

  it('refuses a handshake without a token (401) and tunnels it with one; another user’s channel is 403', async () => {
    const { port } = await start();
    const anonymous = await openWebSocket(port, '/ws/users/alice');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toBe('application/problem+json');
    expect(anonymous.headers['connection']).toBe('close');
    await anonymous.closed;

    const before = upstream.sessions.length;
    const alice = await token('alice');
    const other = await openWebSocket(port, '/ws/users/bob', {
      headers: { Authorization: `Bearer ${alice}` },
    });
    expect(other.status).toBe(403);
    expect(JSON.parse(await other.body)).toMatchObject({ status: 403 });

    const own = await openWebSocket(port, '/ws/users/alice', {
      headers: { Authorization: `Bearer ${alice}` },
    });
    expect(own.status).toBe(101);
    own.send('mine');
    expect((await own.reader.frame(0)).payload.toString()).toBe('echo:mine');
    // Only the allowed handshake reached the upstream.
    expect(upstream.sessions.length).toBe(before + 1);
    own.socket.destroy();

    const refused = await events.waitFor((e) => e.status === 403);
    expect(refused.verdict).toBe('deny');
    expect(refused.deniedBy?.policy).toBe('authorize');
    const event = await events.waitFor((e) => e.status === 101);
    expect(event.identity?.subject).toBe('alice');
  });

  it('refuses an undeclared path (404) and a path without a GET operation (405) before any upstream contact', async () => {
    const { port } = await start();
    const before = upstream.sessions.length;
    const unknown = await openWebSocket(port, '/ws/shadow');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(await unknown.body)).toMatchObject({ status: 404 });
    const noGet = await openWebSocket(port, '/orders');
    expect(noGet.status).toBe(405);
    await noGet.closed;
    expect(upstream.sessions.length).toBe(before);
    expect(upstream.plain.length).toBe(0);
  });

  it('applies rate limits at the handshake (429)', async () => {
    const { port } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ws = await openWebSocket(port, '/ws/limited');
      statuses.push(ws.status);
      ws.socket.destroy();
    }
    expect(statuses).toEqual([101, 101, 429]);
  });

  it('relays an upstream refusal of the handshake and closes; client bytes never reach it', async () => {
    const { port } = await start();
    const received: Buffer[] = [];
    upstream.answer((req, socket, head) => {
      if (req.url !== '/ws/refused') return true;
      received.push(head);
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.write('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nno way');
      return false;
    });
    // A second request smuggled behind the handshake must never reach the upstream.
    const smuggled = Buffer.from('GET /admin HTTP/1.1\r\nHost: upstream\r\n\r\n');
    const ws = await openWebSocket(port, '/ws/refused', { after: smuggled });
    expect(ws.status).toBe(403);
    expect(ws.headers['connection']).toBe('close');
    expect(await ws.body).toBe('no way');
    expect(Buffer.concat(received).length).toBe(0);
    const event = await events.waitFor((e) => e.status === 403);
    expect(event.verdict).toBe('allow');
    expect(event.responseSize).toBe(6);
  });

  it('refuses a 101 that does not answer the handshake (502)', async () => {
    const { port } = await start();
    upstream.answer((_req, socket) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      return false;
    });
    const ws = await openWebSocket(port, '/ws/echo');
    expect(ws.status).toBe(502);
  });

  it('answers 502 when the upstream is down and 504 when it does not answer', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const down = await start({ proxy: { retries: 0 } }, `http://127.0.0.1:${closedPort}`);
    const ws = await openWebSocket(down.port, '/ws/echo');
    expect(ws.status).toBe(502);
    expect(ws.headers['content-type']).toBe('application/problem+json');

    // Reads (so that it notices the gateway closing) but never answers.
    const silent = createTcpServer((socket) => socket.on('error', () => undefined).resume());
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    cleanups.push(() => new Promise((resolve) => silent.close(() => resolve())));
    const slow = await start(
      { proxy: { headersTimeoutMs: 100 } },
      `http://127.0.0.1:${(silent.address() as { port: number }).port}`,
    );
    const late = await openWebSocket(slow.port, '/ws/echo');
    expect(late.status).toBe(504);
  });

  it('tries another upstream when the first refuses the connection', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const { port } = await start({ upstreams: [`http://127.0.0.1:${closedPort}`, upstream.url] });
    const ws = await openWebSocket(port, '/ws/echo');
    expect(ws.status).toBe(101);
    ws.socket.destroy();
  });

  it('closes the upstream when the client goes, and the client when the upstream goes', async () => {
    const { port } = await start();
    const before = upstream.sessions.length;
    const first = await openWebSocket(port, '/ws/echo');
    const firstSession = await upstream.session(before);
    first.socket.destroy();
    await firstSession.closed;

    const second = await openWebSocket(port, '/ws/echo');
    const secondSession = await upstream.session(before + 1);
    secondSession.socket.write(encodeFrame(OPCODE.text, 'bye', false));
    secondSession.socket.end();
    expect((await second.reader.frame(0)).payload.toString()).toBe('bye');
    await second.closed;
  });

  it('closes an idle tunnel on both sides', async () => {
    const { port } = await start({ proxy: { websocketIdleTimeoutMs: 150 } });
    const before = upstream.sessions.length;
    const ws = await openWebSocket(port, '/ws/echo');
    const session = await upstream.session(before);
    ws.send('still here');
    expect((await ws.reader.frame(0)).payload.toString()).toBe('echo:still here');
    await Promise.all([ws.closed, session.closed]);
  });

  it('ends open tunnels on close(), after the drain period', async () => {
    const { gateway, port } = await start();
    const before = upstream.sessions.length;
    const ws = await openWebSocket(port, '/ws/echo');
    const session = await upstream.session(before);
    await gateway.close();
    await Promise.all([ws.closed, session.closed]);
    expect(events.events.some((e) => e.status === 101)).toBe(true);
  });

  it('keeps a tunnel open past the HTTP request and keep-alive timeouts', async () => {
    const { port } = await start({
      limits: { requestTimeoutMs: 200, headersTimeoutMs: 100, keepAliveTimeoutMs: 100 },
    });
    const ws = await openWebSocket(port, '/ws/echo');
    await new Promise((resolve) => setTimeout(resolve, 500));
    ws.send('later');
    expect((await ws.reader.frame(0)).payload.toString()).toBe('echo:later');
    ws.socket.destroy();
  });

  it('keeps open tunnels across a reload', async () => {
    const { gateway, port } = await start();
    const ws = await openWebSocket(port, '/ws/echo');
    await gateway.reload({
      ...gateway.options,
      upstreams: [upstream.url],
      routing: { model },
    } as GatewayOptions);
    ws.send('after reload');
    expect((await ws.reader.frame(0)).payload.toString()).toBe('echo:after reload');
    ws.socket.destroy();
  });

  it('refuses handshakes beyond limits.maxWebSockets with 503, and counts tunnels in /metrics', async () => {
    const { port, admin } = await start({ limits: { maxWebSockets: 1 } });
    const first = await openWebSocket(port, '/ws/echo');
    expect(first.status).toBe(101);
    let text = await metrics(admin);
    expect(metric(text, 'rampart_gateway_websockets_open')).toBe(1);
    expect(metric(text, 'rampart_gateway_websockets_opened_total')).toBe(1);
    // An open tunnel is not a request in flight, and its lifetime is no request duration.
    expect(metric(text, 'rampart_gateway_requests_in_flight')).toBe(0);
    const second = await openWebSocket(port, '/ws/echo');
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('1');
    first.socket.destroy();
    await events.waitFor((e) => e.status === 101);
    text = await metrics(admin);
    expect(metric(text, 'rampart_gateway_websockets_open')).toBe(0);
    expect(metric(text, 'rampart_gateway_websockets_opened_total')).toBe(1);
    expect(text).toMatch(/rampart_gateway_requests_total\{[^}]*status="101"[^}]*\} 1/);
    // The refused handshake is a request with a duration; the tunnel is not.
    expect(text).toMatch(/rampart_gateway_request_duration_seconds_count\{route="\/ws\/echo"\} 1$/m);
    const third = await openWebSocket(port, '/ws/echo');
    expect(third.status).toBe(101);
    third.socket.destroy();
  });

  it('refuses WebSockets when proxy.websockets is false (403); answers other upgrades in HTTP/1.1 without switching', async () => {
    const off = await start({ proxy: { websockets: false } });
    const ws = await openWebSocket(off.port, '/ws/echo');
    expect(ws.status).toBe(403);
    const event = await events.waitFor((e) => e.status === 403);
    expect(event.deniedBy).toEqual({
      policy: 'websocket',
      reason: 'WebSocket handshake refused: proxy.websockets is false',
    });

    const on = await start();
    const h2c = await openWebSocket(on.port, '/ws/echo', {
      rawHead:
        'GET /ws/echo HTTP/1.1\r\nHost: gateway.test\r\nConnection: Upgrade, HTTP2-Settings\r\n' +
        'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n',
    });
    // curl --http2 against http:// asks for h2c: served as a plain HTTP/1.1 request (RFC 9110 §7.8), the upgrade
    // headers not forwarded, the connection closed after the answer.
    expect(h2c.status).toBe(200);
    await h2c.closed;
    expect(upstream.plain).toHaveLength(1);
    expect(upstream.plain[0]?.headers['upgrade']).toBeUndefined();
    expect(upstream.plain[0]?.headers['http2-settings']).toBeUndefined();
    // With a body (which Node no longer parses once it saw the upgrade): refused, never forwarded.
    const post = await openWebSocket(on.port, '/orders', {
      rawHead:
        'POST /orders HTTP/1.1\r\nHost: gateway.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n' +
        'HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}',
    });
    expect(post.status).toBe(400);
    await post.closed;
    expect(upstream.plain).toHaveLength(1);
  });

  it('refuses malformed handshakes: no key (400), wrong version (426)', async () => {
    const { port } = await start();
    const noKey = await openWebSocket(port, '/ws/echo', {
      rawHead:
        'GET /ws/echo HTTP/1.1\r\nHost: g\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n',
    });
    expect(noKey.status).toBe(400);
    const oldVersion = await openWebSocket(port, '/ws/echo', {
      rawHead:
        'GET /ws/echo HTTP/1.1\r\nHost: g\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n',
    });
    expect(oldVersion.status).toBe(426);
    expect(oldVersion.headers['sec-websocket-version']).toBe('13');
  });

  it('validates the WebSocket options', () => {
    expect(() =>
      createGateway({
        upstreams: [upstream.url],
        proxy: { websockets: 'yes' as unknown as boolean, websocketIdleTimeoutMs: -1 },
        limits: { maxWebSockets: 0 },
      }),
    ).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.objectContaining({ path: 'proxy.websockets', message: 'must be true or false, got "yes"' }),
          expect.objectContaining({ path: 'proxy.websocketIdleTimeoutMs' }),
          expect.objectContaining({ path: 'limits.maxWebSockets' }),
        ]),
      }),
    );
  });

  it('still serves plain requests on the same listener', async () => {
    const { port } = await start();
    const socket: Socket = connectTcp({ host: '127.0.0.1', port });
    socket.write('GET /ws/echo HTTP/1.1\r\nHost: g\r\nConnection: close\r\n\r\n');
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString();
    });
    await once(socket, 'close');
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text.endsWith('plain')).toBe(true);
  });
});

describe('WebSocket tunnels over TLS', () => {
  it('tunnels wss from a TLS listener to an https upstream that requires the gateway’s client certificate', async () => {
    const pki = createTestCertificates();
    cleanups.push(() => pki.remove());
    const { ca, server, clientA } = pki.files as Record<string, { cert: string; key: string }>;
    const secure = await startWebSocketUpstream({
      cert: readFileSync(server!.cert),
      key: readFileSync(server!.key),
      ca: readFileSync(ca!.cert),
      requestCert: true,
      rejectUnauthorized: true,
    });
    cleanups.push(() => secure.close());
    const { port } = await start({
      tls: { certFile: server!.cert, keyFile: server!.key, watchIntervalMs: 0 },
      upstreams: [
        { url: secure.url, tls: { caFile: ca!.cert, certFile: clientA!.cert, keyFile: clientA!.key } },
      ],
    });
    const ws = await openWebSocket(port, '/ws/echo', { tls: { ca: readFileSync(ca!.cert) } });
    expect(ws.status).toBe(101);
    expect(ws.headers['strict-transport-security']).toMatch(/^max-age=/);
    ws.send('over tls');
    expect((await ws.reader.frame(0)).payload.toString()).toBe('echo:over tls');
    const session = await secure.session(0);
    expect((session.socket as TLSSocket).getPeerCertificate().subject.CN).toBe('client-a');
    expect(session.request.headers['x-forwarded-proto']).toBe('https');
    ws.socket.destroy();
    await session.closed;
  });
});
