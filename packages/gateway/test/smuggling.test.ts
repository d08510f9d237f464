import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { rawRequest } from './raw-request.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

let upstream: TestUpstream;
let gateway: Gateway;
let port: number;
let events: EventCollector;

beforeAll(async () => {
  upstream = await startUpstream();
  events = collectEvents();
  gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    eventSink: events.sink,
  });
  ({ port } = await gateway.listen());
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/**
 * Each attempt is sent on its own connection, followed by a second, innocent request: if the gateway or the
 * upstream disagreed about where the first request ends, the smuggled part would show up at the upstream.
 */
const attempts: [string, string, string][] = [
  [
    'CL + TE',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG',
    'node',
  ],
  [
    'TE + CL (order swapped)',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 6\r\n\r\n0\r\n\r\nG',
    'node',
  ],
  [
    'two differing Content-Length',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 9\r\n\r\nabcdGET /x',
    'node',
  ],
  [
    'two equal Content-Length',
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd',
    'node',
  ],
  ['Content-Length list', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4, 4\r\n\r\nabcd', 'node'],
  ['negative Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n', 'node'],
  ['obsolete line folding', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n', 'node'],
  [
    'Transfer-Encoding: chunked, identity',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n',
    'node',
  ],
  [
    'Transfer-Encoding: xchunked',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n',
    'node',
  ],
  [
    'space before colon',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n',
    'node',
  ],
  ['invalid header name', 'GET / HTTP/1.1\r\nHost: a\r\nX A: b\r\n\r\n', 'node'],
  ['NUL in header value', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0000c\r\n\r\n', 'node'],
  ['bare CR in header value', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n', 'node'],
  ['bare LF line endings', 'GET / HTTP/1.1\nHost: a\n\n', 'node'],
  ['two Host headers', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 'gateway'],
  ['no Host on HTTP/1.1', 'GET / HTTP/1.1\r\n\r\n', 'gateway'],
  [
    'Transfer-Encoding on HTTP/1.0',
    'POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'gateway',
  ],
  ['backslash in path', 'GET /a\\b HTTP/1.1\r\nHost: a\r\n\r\n', 'gateway'],
  ['fragment in target', 'GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n', 'gateway'],
  ['asterisk-form', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n', 'gateway'],
];

describe('request smuggling and framing defences', () => {
  it.each(attempts)(
    '%s → 400 problem, connection closed, nothing reaches the upstream (refused by %s)',
    async (_name, raw, by) => {
      const before = upstream.seen.length;
      const res = await rawRequest(port, `${raw}GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('application/problem+json');
      expect(res.text).toContain('"status":400');
      expect(res.closedByServer).toBe(true);
      expect(upstream.seen.length).toBe(before);
      expect(upstream.seen.some((s) => s.url.includes('smuggled'))).toBe(false);
      // the refusal is an event, attributed to whoever refused it
      const id = /x-request-id: ([0-9a-f-]{36})/.exec(res.text)?.[1];
      expect(id).toBeDefined();
      const event = await events.waitFor((e) => e.id === id);
      expect(event.verdict).toBe('deny');
      expect(event.status).toBe(400);
      // Node's parser refuses most of these first; the gateway's own framing checks are the second line, and the
      // only line for the cases Node lets through.
      expect(['http-parser', 'http-framing', 'path-normalization']).toContain(event.deniedBy?.policy);
      if (by === 'gateway') expect(event.deniedBy?.policy).not.toBe('http-parser');
    },
  );

  it('refuses a body that turns out malformed after forwarding began, and aborts the upstream request', async () => {
    const before = upstream.seen.length;
    const res = await rawRequest(
      port,
      'POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;a\u0000b\r\nabcd\r\n0\r\n\r\n' +
        'GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n',
    );
    expect(res.status).toBe(400);
    expect(res.closedByServer).toBe(true);
    const event = await events.waitFor((e) => e.path === '/body');
    expect(event).toMatchObject({ status: 400, verdict: 'deny', deniedBy: { policy: 'http-parser' } });
    // the headers were valid, so forwarding may have started: the upstream never gets a complete body
    for (let i = before; i < upstream.seen.length; i++)
      expect((await upstream.settled(i)).complete).toBe(false);
    expect(upstream.seen.some((s) => s.url.includes('smuggled'))).toBe(false);
  });

  it('still forwards a well-framed chunked request and the next request on the same connection', async () => {
    const before = upstream.seen.length;
    const res = await rawRequest(
      port,
      'POST /ok HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n' +
        'GET /ok2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    );
    expect(res.text.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(upstream.seen.slice(before).map((s) => s.url)).toEqual(['/ok', '/ok2']);
    expect(upstream.seen[before]?.body.toString()).toBe('abc');
  });
});
