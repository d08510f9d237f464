import { createHmac } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '@rampart/core';
import { Secret } from '@rampart/core';
import { createJsonLinesSink, createSyslogSink, createWebhookSink } from '@rampart/monitor';
import { afterEach, describe, expect, it } from 'vitest';

const alert: Alert = {
  id: 'a-1',
  detector: 'scanning',
  title: 'Scanning',
  severity: 'high',
  owasp: 'API8',
  actor: { kind: 'ip', value: '203.0.113.5' },
  targets: ['/admin'],
  firstSeen: 1000,
  lastSeen: 2000,
  count: 3,
  evidenceEventIds: ['e1'],
  key: 'k',
  details: { summary: '30 errors' },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listen(handler: (req: IncomingMessage, body: string) => number): Promise<string> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.statusCode = handler(req, body);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}/hook`;
}

describe('createWebhookSink', () => {
  it('posts Slack-compatible JSON with a verifiable HMAC signature', async () => {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const url = await listen((req, body) => {
      received.push({ headers: req.headers, body });
      return 200;
    });
    const sink = createWebhookSink({ url, format: 'slack', secret: new Secret('k3y') });
    sink.send(alert, 'opened');
    await sink.flush();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(JSON.parse(body)).toMatchObject({
      text: expect.stringContaining('Scanning'),
      blocks: expect.any(Array),
    });
    const expected = createHmac('sha256', 'k3y')
      .update(`${headers['x-rampart-timestamp']}.${body}`)
      .digest('hex');
    expect(headers['x-rampart-signature']).toBe(`sha256=${expected}`);
    expect(sink.stats()).toMatchObject({ sent: 1, failed: 0, dropped: 0 });
  });

  it('retries a 503 with backoff and gives up on a 400', async () => {
    let calls = 0;
    const url = await listen(() => (++calls < 3 ? 503 : 200));
    const sink = createWebhookSink({ url, backoffMs: 5 });
    sink.send(alert, 'opened');
    await sink.flush();
    expect(calls).toBe(3);
    expect(sink.stats().sent).toBe(1);

    let rejected = 0;
    const badUrl = await listen(() => {
      rejected++;
      return 400;
    });
    const bad = createWebhookSink({ url: badUrl, backoffMs: 5 });
    bad.send(alert, 'opened');
    await bad.flush();
    expect(rejected).toBe(1);
    expect(bad.stats().failed).toBe(1);
  });

  it('never blocks: with the receiver down, alerts past the queue are dropped and counted', async () => {
    const sink = createWebhookSink({
      url: 'http://127.0.0.1:9/hook',
      maxQueue: 2,
      retries: 0,
      timeoutMs: 2000,
    });
    for (let i = 0; i < 50; i++) sink.send(alert, 'opened');
    // send() returned 50 times without waiting: at most the queue (2) plus the one in flight are held.
    expect(sink.stats().queued).toBeLessThanOrEqual(2);
    expect(sink.stats().dropped).toBeGreaterThanOrEqual(47);
    await sink.close();
    const stats = sink.stats();
    expect(stats.dropped).toBeGreaterThanOrEqual(47);
    expect(stats.sent + stats.failed + stats.dropped).toBe(50);
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => createWebhookSink({ url: 'ftp://x' })).toThrow(/absolute http\(s\) URL/);
  });
});

describe('createSyslogSink', () => {
  it('sends RFC 5424 + CEF over UDP', async () => {
    const socket = createSocket('udp4');
    const messages: string[] = [];
    const got = new Promise<void>((resolve) =>
      socket.on('message', (m) => {
        messages.push(m.toString('utf8'));
        resolve();
      }),
    );
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => socket.close(() => resolve())));
    const sink = createSyslogSink({ host: '127.0.0.1', port: socket.address().port, hostname: 'test' });
    sink.send(alert, 'opened');
    await sink.flush();
    await got;
    await sink.close();
    expect(messages[0]).toMatch(
      /^<131>1 \S+ test rampart \d+ alert - CEF:0\|Rampart\|Rampart Monitor\|0\.1\.0\|scanning\|Scanning\|8\|/,
    );
  });

  it('sends octet-counted frames over TCP', async () => {
    let data = '';
    const server = createTcpServer((socket) => socket.on('data', (c) => (data += c.toString())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const sink = createSyslogSink({
      host: '127.0.0.1',
      port: (server.address() as { port: number }).port,
      transport: 'tcp',
    });
    sink.send(alert, 'opened');
    sink.send({ ...alert, id: 'a-2' }, 'updated');
    await sink.flush();
    await sink.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const frames: string[] = [];
    let rest = data;
    while (rest.length > 0) {
      const space = rest.indexOf(' ');
      const length = Number(rest.slice(0, space));
      frames.push(rest.slice(space + 1, space + 1 + length));
      rest = rest.slice(space + 1 + length);
    }
    expect(frames).toHaveLength(2);
    expect(frames[1]).toContain('externalId=a-2');
  });
});

describe('createJsonLinesSink', () => {
  it('appends one JSON object per line to a file', async () => {
    const path = join(tmpdir(), `rampart-alerts-${process.pid}-${Date.now()}.jsonl`);
    closers.push(() => rm(path, { force: true }));
    const sink = createJsonLinesSink({ path });
    sink.send(alert, 'opened');
    sink.send(alert, 'updated');
    await sink.close();
    const lines = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.change)).toEqual(['opened', 'updated']);
    expect(lines[0].alert.id).toBe('a-1');
  });
});
