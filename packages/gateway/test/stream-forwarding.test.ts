import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents } from './collect-events.js';
import { startUpstream } from './start-upstream.js';

// The forwarding path without response policies (undici dispatch straight into the client's response):
// backpressure, informational responses, and an upstream that breaks off mid-body.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const upstream = await startUpstream();
  cleanups.push(() => upstream.close());
  const events = collectEvents();
  const gateway: Gateway = createGateway({
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    eventSink: events.sink,
    logger: { warn: () => undefined },
  });
  const { port } = await gateway.listen();
  cleanups.push(() => gateway.close());
  return { port, base: `http://127.0.0.1:${port}`, upstream, events };
}

describe('streamed forwarding', () => {
  it('stops reading the upstream while the client does not read (backpressure), and passes the body intact', async () => {
    const { port, upstream, events } = await setup();
    // Far more than the loopback socket buffers between upstream, gateway and client can hold.
    const size = 64 * 1024 * 1024;
    const chunk = 64 * 1024;
    const body = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4) body.writeUInt32LE(i, i);
    let accepted = 0;
    upstream.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      // Writes as fast as the gateway takes the bytes: `accepted` is how far the gateway has read.
      const pump = (): void => {
        while (accepted < size) {
          const ok = res.write(body.subarray(accepted, accepted + chunk));
          accepted += chunk;
          if (!ok) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    let stalledAt = 0;
    const received = await new Promise<Buffer>((resolve, reject) => {
      const req = httpRequest({ port, host: '127.0.0.1', path: '/big' }, (res) => {
        const chunks: Buffer[] = [];
        res.pause();
        // Wait until the upstream cannot write any more (or has written everything), then read.
        let last = -1;
        let still = 0;
        const poll = setInterval(() => {
          still = accepted === last ? still + 1 : 0;
          last = accepted;
          if (still < 5 && accepted < size) return;
          clearInterval(poll);
          stalledAt = accepted;
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.resume();
        }, 50);
      });
      req.on('error', reject);
      req.end();
    });
    expect(stalledAt).toBeLessThan(size / 2);
    expect(received.length).toBe(size);
    expect(createHash('sha256').update(received).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    const event = await events.waitFor((e) => e.path === '/big');
    expect(event).toMatchObject({ status: 200, responseSize: size });
  });

  it('skips 1xx informational responses and forwards the final one', async () => {
    const { base, upstream } = await setup();
    upstream.handle((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' }, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('final');
      });
    });
    const res = await request(`${base}/hints`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('final');
  });

  it('cuts the response and reports 502 when the upstream breaks off mid-body', async () => {
    const { port, upstream, events } = await setup();
    upstream.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 100_000 });
      res.write(Buffer.alloc(1000, 97), () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const outcome = await new Promise<{ bytes: number; complete: boolean }>((resolve) => {
      const req = httpRequest({ port, host: '127.0.0.1', path: '/broken' }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        res.on('error', () => undefined);
        res.on('close', () => resolve({ bytes, complete: res.complete }));
      });
      req.on('error', () => undefined);
      req.end();
    });
    expect(outcome.complete).toBe(false);
    expect(outcome.bytes).toBeLessThan(100_000);
    const event = await events.waitFor((e) => e.path === '/broken');
    expect(event.status).toBe(502);
  });
});
