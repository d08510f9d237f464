import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestBody } from './read-request-body.js';

const tooLargeCalls: number[] = [];
const server = createServer((req, res) => {
  readRequestBody(req, 8, (max) => {
    tooLargeCalls.push(max);
    return new Error(`over ${max}`);
  }).then(
    (text) => res.end(`ok:${text}`),
    (error: Error) => res.writeHead(413, { connection: 'close' }).end(error.message),
  );
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function post(body: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      res.on('end', () => resolve(`${res.statusCode} ${text}`));
      res.on('error', () => resolve(`${res.statusCode} ${text}`));
    });
    // The server may destroy the request mid-upload; the answer is what counts.
    req.on('error', () => resolve('aborted'));
    req.end(body);
  });
}

describe('readRequestBody', () => {
  it('reads a body up to the limit, multi-byte characters included', async () => {
    expect(await post('héllo')).toBe('200 ok:héllo');
    expect(await post('')).toBe('200 ok:');
    expect(tooLargeCalls).toEqual([]);
  });

  it('rejects with the caller-built error past the limit', async () => {
    const answer = await post('x'.repeat(9));
    // Either the 413 arrives or the destroyed socket aborts the request; both mean the body was refused.
    expect(['413 over 8', 'aborted']).toContain(answer);
    expect(tooLargeCalls).toEqual([8]);
  });
});
