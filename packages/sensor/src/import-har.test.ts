import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiEvent, isRampartError } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHar } from './import-har.js';

const HAR = {
  log: {
    version: '1.2',
    creator: { name: 'Firefox', version: '124.0' },
    entries: [
      {
        startedDateTime: '2024-03-12T14:02:11.123+01:00',
        time: 84.5,
        request: {
          method: 'POST',
          url: 'https://api.example.com/v1/sessions?client_secret=abc123&lang=en',
          httpVersion: 'HTTP/2',
          headers: [
            { name: ':authority', value: 'api.example.com' },
            { name: 'Authorization', value: 'Basic YWxpY2U6d29uZGVybGFuZA==' },
            { name: 'Cookie', value: 'sid=0xdeadbeef; theme=dark' },
            { name: 'Content-Type', value: 'application/json' },
            {
              name: 'User-Agent',
              value: 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0',
            },
          ],
          cookies: [{ name: 'sid', value: '0xdeadbeef' }],
          queryString: [
            { name: 'client_secret', value: 'abc123' },
            { name: 'lang', value: 'en' },
          ],
          postData: { mimeType: 'application/json', text: '{"username":"alice","password":"wonderland"}' },
          headersSize: -1,
          bodySize: 45,
        },
        response: {
          status: 201,
          statusText: 'Created',
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Set-Cookie', value: 'sid=0xfeedface; HttpOnly' },
          ],
          cookies: [{ name: 'sid', value: '0xfeedface' }],
          content: {
            size: 53,
            mimeType: 'application/json',
            text: Buffer.from('{"access_token":"eyJ.payload.sig","expires_in":3600}').toString('base64'),
            encoding: 'base64',
          },
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: 80, receive: 4.5 },
      },
      {
        startedDateTime: '2024-03-12T13:02:12Z',
        time: 12,
        request: { method: 'get', url: 'https://api.example.com/v1/me', headers: [], bodySize: 0 },
        response: { status: 401, headers: [], content: { size: 0, mimeType: '' }, bodySize: 0 },
      },
      {
        startedDateTime: 'yesterday',
        request: { method: 'GET', url: 'https://x/' },
        response: { status: 200 },
      },
      {
        startedDateTime: '2024-03-12T13:02:13Z',
        request: { method: 'GET', url: '/relative' },
        response: { status: 200 },
      },
      'not an entry',
    ],
  },
};

describe('importHar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rampart-har-'));
    await writeFile(join(dir, 'capture.har'), JSON.stringify(HAR));
    await writeFile(join(dir, 'broken.har'), '{"log": {"entries": ');
    await writeFile(join(dir, 'other.json'), '{"hello": "world"}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function collect(file: string, options: Parameters<typeof importHar>[1] = {}) {
    const imported = importHar(join(dir, file), options);
    const events: ApiEvent[] = [];
    for await (const e of imported) events.push(e);
    return { events, report: imported.report };
  }

  it('turns entries into events, redacting credentials, cookies and secret query parameters', async () => {
    const { events, report } = await collect('capture.har');
    expect(report).toMatchObject({ lines: 5, events: 2, malformed: 3 });
    expect(report.malformedSamples.map((m) => m.line)).toEqual([3, 4, 5]);
    expect(report.malformedSamples[1]?.reason).toMatch(/not an absolute URL/);
    const [login, me] = events;
    expect(login).toMatchObject({
      time: Date.UTC(2024, 2, 12, 13, 2, 11, 123),
      origin: 'import:capture.har',
      host: 'api.example.com',
      method: 'POST',
      path: '/v1/sessions',
      status: 201,
      latencyMs: 84.5,
      requestSize: 45,
      responseSize: 53,
      clientIp: '0.0.0.0',
      auth: 'success',
      query: { client_secret: '[redacted]', lang: 'en' },
    });
    expect(login?.requestHeaders).toMatchObject({ authorization: 'Basic [redacted]', cookie: '[redacted]' });
    expect(login?.requestHeaders).not.toHaveProperty(':authority');
    expect(login?.responseHeaders['set-cookie']).toBe('[redacted]');
    expect(login?.requestBody).toEqual({ contentType: 'application/json', size: 45, truncated: false });
    expect(JSON.stringify(events)).not.toMatch(/wonderland|abc123|deadbeef|feedface|YWxpY2U|eyJ\.payload/);
    expect(me).toMatchObject({
      method: 'GET',
      status: 401,
      auth: 'missing',
      time: Date.UTC(2024, 2, 12, 13, 2, 12),
    });
  });

  it('keeps redacted body samples when asked', async () => {
    const { events } = await collect('capture.har', {
      bodies: true,
      maxBodyBytes: 1024,
      clientIp: '192.0.2.50',
    });
    expect(events[0]?.clientIp).toBe('192.0.2.50');
    expect(events[0]?.requestBody?.text).toBe('{"username":"alice","password":"[redacted]"}');
    expect(events[0]?.responseBody?.text).toBe('{"access_token":"[redacted]","expires_in":3600}');
  });

  it('refuses files that are not HAR, unreadable or too large with RAMPART_ERR_IMPORT_READ', async () => {
    for (const [file, message, options] of [
      ['broken.har', /not valid JSON/, {}],
      ['other.json', /no log.entries array/, {}],
      ['missing.har', /could not be read/, {}],
      ['capture.har', /over the 100-byte limit/, { maxFileBytes: 100 }],
    ] as const) {
      const error = await collect(file, options).catch((e: unknown) => e);
      expect(isRampartError(error) && error.code === 'RAMPART_ERR_IMPORT_READ', file).toBe(true);
      expect(String((error as Error).message)).toMatch(message);
    }
  });
});
