import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ApiEvent, isRampartError } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAccessLog } from './import-access-log.js';

const NGINX = [
  '203.0.113.7 - - [12/Mar/2024:14:02:11 +0100] "GET /api/v1/orders/1842?page=2&access_token=s3cr3t HTTP/1.1" 200 5123 "https://shop.example.com/cart" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15"',
  '198.51.100.23 - alice [12/Mar/2024:14:02:12 +0100] "POST /api/v1/login HTTP/1.1" 401 61 "-" "python-requests/2.31.0"',
  '',
  '198.51.100.23 - - [12/Mar/2024:14:02:13 +0100] "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03" 400 157 "-" "-"',
  '2001:db8::17 - - [12/Mar/2024:05:02:14 -0800] "GET /search?q=\\x22%3Cscript%3E HTTP/2.0" 200 88 "-" "curl/8.5.0" rt=0.042',
  'this line is not a log line at all',
  '192.0.2.1 - - [31/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"',
  '192.0.2.2 - - [12/Mar/2024:14:02:15 +0000] "DELETE http://api.example.com/users/7 HTTP/1.1" 204 - "-" "-"',
].join('\n');

const JSON_LINES = [
  '{"time_iso8601":"2024-03-12T14:02:11+01:00","remote_addr":"203.0.113.7","request_method":"PUT","request_uri":"/api/v1/users/9?password=hunter2","status":"200","body_bytes_sent":"342","request_length":"512","request_time":"0.013","http_user_agent":"okhttp/4.12.0","http_host":"api.example.com","request_id":"7f1c"}',
  '{"@timestamp":"2024-03-12T13:02:12.250Z","client_ip":"198.51.100.4","request":"GET /health HTTP/1.1","status":200,"bytes_sent":2}',
  '{"start_time":"2024-03-12T13:02:13.000Z","method":"GET","path":"/api/v1/items?limit=10","response_code":503,"duration":1250,"bytes_received":0,"bytes_sent":91,"downstream_remote_address":"10.4.2.9:51234","authority":"items.internal","user_agent":"Go-http-client/2.0"}',
  '{"time_iso8601":"2024-03-12T14:02:14+01:00","remote_addr":"203.0.113.7"}',
  '{"time_iso8601": "2024-03-12T14:02:15+01:00", "request_method": "GET", "request_uri": "/x", "status": "abc"}',
  '{broken json',
  '["an", "array"]',
].join('\n');

const ENVOY = [
  '[2024-03-12T13:02:11.310Z] "GET /api/v1/orders/77 HTTP/1.1" 200 - 0 1534 12 10 "203.0.113.9, 10.0.0.2" "Mozilla/5.0" "a1b2c3d4-0000-4000-8000-000000000001" "api.example.com" "10.0.5.12:8080"',
  '[2024-03-12T13:02:12.000Z] "POST /api/v1/login HTTP/2" 429 RL 120 18 1 - "-" "curl/8.5.0" "a1b2c3d4-0000-4000-8000-000000000002" "api.example.com" "-"',
  '[2024-03-12T13:02:13.500Z] "GET /reviews/1 HTTP/1.1" 200 - via_upstream - "-" 0 295 24 23 "-" "istio-probe" "a1b2c3d4-0000-4000-8000-000000000003" "reviews:9080" "10.44.1.6:9080" outbound|9080||reviews.default.svc.cluster.local 10.44.1.5:47236 10.0.0.31:9080 10.44.1.5:58812 - default',
  '[not a time] "GET / HTTP/1.1" 200 - 0 1 1 - "-" "-" "-" "-" "-"',
  '[2024-03-12T13:02:14.000Z] "GET / HTTP/1.1" 200 -',
].join('\n');

describe('importAccessLog', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-import-'));
    await writeFile(join(dir, 'access.log'), NGINX);
    await writeFile(join(dir, 'access.json.log'), JSON_LINES);
    await writeFile(join(dir, 'envoy.log'), ENVOY);
    await writeFile(join(dir, 'mixed.log.gz'), gzipSync(`${NGINX}\n${JSON_LINES}\n${ENVOY}\n`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function collect(file: string, options: Parameters<typeof importAccessLog>[1] = {}) {
    const imported = importAccessLog(join(dir, file), options);
    const events: ApiEvent[] = [];
    for await (const e of imported) events.push(e);
    return { events, report: imported.report };
  }

  it('reads nginx combined lines with their timezones, and reports malformed lines by number', async () => {
    const { events, report } = await collect('access.log', { format: 'nginx-combined' });
    expect(report).toMatchObject({ lines: 8, events: 4, blank: 1, malformed: 3 });
    expect(report.malformedSamples.map((m) => m.line)).toEqual([4, 6, 7]);
    expect(report.malformedSamples[0]?.reason).toMatch(/request line .* is not METHOD TARGET/);
    expect(report.malformedSamples[2]?.reason).toMatch(/timestamp "31\/Feb\/2024/);
    const [orders, login, search, del] = events;
    expect(orders).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 11),
      method: 'GET',
      path: '/api/v1/orders/1842',
      status: 200,
      responseSize: 5123,
      clientIp: '203.0.113.7',
      origin: 'import:access.log',
      query: { page: '2', access_token: '[redacted]' },
    });
    expect(orders?.rawPath).not.toContain('s3cr3t');
    expect(orders?.requestHeaders['referer']).toBe('https://shop.example.com/cart');
    expect(login).toMatchObject({
      method: 'POST',
      status: 401,
      auth: 'invalid',
      userAgent: 'python-requests/2.31.0',
    });
    expect(search).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 14),
      clientIp: '2001:db8::17',
      latencyMs: 42,
    });
    expect(search?.rawPath).toBe('/search?q="%3Cscript%3E');
    expect(del).toMatchObject({
      method: 'DELETE',
      host: 'api.example.com',
      path: '/users/7',
      responseSize: 0,
    });
  });

  it('reads nginx and Envoy JSON lines with their field name variants', async () => {
    const { events, report } = await collect('access.json.log', { format: 'nginx-json' });
    expect(report).toMatchObject({ events: 3, malformed: 4 });
    expect(report.malformedSamples.map((m) => [m.line, m.reason.split(' ')[0]])).toEqual([
      [4, 'no'],
      [5, 'status'],
      [6, 'not'],
      [7, 'not'],
    ]);
    const [put, health, items] = events;
    expect(put).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 11),
      method: 'PUT',
      status: 200,
      requestSize: 512,
      responseSize: 342,
      latencyMs: 13,
      host: 'api.example.com',
      query: { password: '[redacted]' },
    });
    expect(health).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 12, 250),
      path: '/health',
      clientIp: '198.51.100.4',
    });
    expect(items).toMatchObject({
      status: 503,
      latencyMs: 1250,
      clientIp: '10.4.2.9',
      host: 'items.internal',
    });
  });

  it("reads Envoy's default and Istio's text formats", async () => {
    const { events, report } = await collect('envoy.log', { format: 'envoy' });
    expect(report).toMatchObject({ events: 3, malformed: 2 });
    const [orders, login, reviews] = events;
    expect(orders).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 11, 310),
      method: 'GET',
      path: '/api/v1/orders/77',
      status: 200,
      requestSize: 0,
      responseSize: 1534,
      latencyMs: 12,
      clientIp: '203.0.113.9',
      host: 'api.example.com',
    });
    expect(login).toMatchObject({ status: 429, requestSize: 120, clientIp: '0.0.0.0' });
    expect(reviews).toMatchObject({
      status: 200,
      responseSize: 295,
      latencyMs: 24,
      clientIp: '10.44.1.5',
      host: 'reviews:9080',
    });
  });

  it('detects the format per line in auto mode, and reads gzip files', async () => {
    const { events, report } = await collect('mixed.log.gz');
    expect(events).toHaveLength(10);
    expect(report.events).toBe(10);
    expect(report.malformed).toBe(9);
  });

  it('gives the same ids when the same file is imported twice, and different ids per line', async () => {
    const a = await collect('access.log');
    const b = await collect('access.log');
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
  });

  it('skips over-long lines without holding them, and keeps going', async () => {
    const line = '192.0.2.9 - - [12/Mar/2024:14:02:15 +0000] "GET /ok HTTP/1.1" 200 1 "-" "-"';
    await writeFile(join(dir, 'long.log'), `${line}\n${'A'.repeat(3 * 1024 * 1024)}\n${line}\n`);
    const seen: number[] = [];
    const { events, report } = await collect('long.log', {
      maxLineBytes: 1024,
      onMalformed: (m) => seen.push(m.line),
    });
    expect(events).toHaveLength(2);
    expect(seen).toEqual([2]);
    expect(report.malformedSamples[0]?.reason).toBe('longer than 1024 bytes');
  });

  it('throws RAMPART_ERR_IMPORT_READ for a missing file, when iterated', async () => {
    const error = await collect('missing.log').catch((e: unknown) => e);
    expect(isRampartError(error) && error.code === 'RAMPART_ERR_IMPORT_READ').toBe(true);
    expect(String((error as Error).message)).toContain('missing.log could not be read');
  });

  it('refuses an unknown format at once', () => {
    expect(() => importAccessLog('x', { format: 'apache' as 'auto' })).toThrow(TypeError);
  });
});
