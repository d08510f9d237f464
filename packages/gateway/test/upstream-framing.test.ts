import { createServer, type Server, type Socket } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../src/index.js';
import { collectEvents } from './collect-events.js';

// Response smuggling through the gateway: an upstream whose answers are misframed must not be able to hand bytes
// to another client over the pooled connection. Each client gets its own answer or a 502, never someone else's.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Splits an answer: what follows is written 20 ms later, in a separate write. */
const LATER = '<later>';

/** A raw upstream: `answer(n, path)` gives the exact bytes for the n-th request (0-based) on the whole server. */
async function rawUpstream(answer: (n: number, path: string) => string): Promise<string> {
  let n = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        const path = head.split(' ')[1] ?? '';
        const [now, later] = answer(n++, path).split(LATER);
        socket.write(now ?? '');
        // Bytes that arrive on their own while the connection is idle, as a response-smuggling upstream sends them.
        if (later) setTimeout(() => socket.write(later), 20);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

async function gatewayFor(upstream: string) {
  const events = collectEvents();
  const gateway = createGateway({
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: false,
    upstreams: [upstream],
    eventSink: events.sink,
    proxy: { connections: 1 },
  });
  const { port } = await gateway.listen();
  cleanups.push(() => gateway.close());
  return `http://127.0.0.1:${port}`;
}

const ok = (body: string): string =>
  `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe('misframed upstream responses', () => {
  it.each([
    [
      'Content-Length and Transfer-Encoding',
      'HTTP/1.1 200 OK\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['two Content-Length values', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\nok'],
    ['a coding other than chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'],
    ['obsolete line folding', 'HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\nok'],
  ])('%s: the client gets 502 and the next client its own answer', async (_name, bad) => {
    const upstream = await rawUpstream((n, path) => (n === 0 ? bad : ok(`answer for ${path}`)));
    const base = await gatewayFor(upstream);
    const first = await request(`${base}/first`);
    expect(first.statusCode).toBe(502);
    expect(first.headers['content-type']).toBe('application/problem+json');
    const problem = (await first.body.json()) as { detail: string };
    expect(JSON.stringify(problem)).not.toContain('Content-Length'); // no internal detail leaks
    const second = await request(`${base}/second`);
    expect(second.statusCode).toBe(200);
    expect(await second.body.text()).toBe('answer for /second');
  });

  it('an unsolicited response sent after an answer never reaches the next client', async () => {
    const injected = ok('INJECTED');
    const upstream = await rawUpstream((n, path) =>
      n === 0 ? `${ok(`answer for ${path}`)}${LATER}${injected}` : ok(`answer for ${path}`),
    );
    const base = await gatewayFor(upstream);
    const first = await request(`${base}/first`);
    expect(first.statusCode).toBe(200);
    expect(await first.body.text()).toBe('answer for /first');
    await new Promise((resolve) => setTimeout(resolve, 60)); // the injected bytes arrive on the idle connection
    for (const path of ['/second', '/third']) {
      const next = await request(`${base}${path}`);
      expect(next.statusCode).toBe(200);
      expect(await next.body.text()).toBe(`answer for ${path}`);
    }
  });
});
