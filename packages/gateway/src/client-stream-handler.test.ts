import { once } from 'node:events';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { ClientStreamHandler, type ClientStreamOwner } from './client-stream-handler.js';
import type { UpstreamController } from './upstream-client/upstream-pool.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A real response to a client that does not read, already full. */
async function fullResponse(): Promise<ServerResponse> {
  let response: ServerResponse | undefined;
  const front = createHttpServer((_req, res) => {
    response = res;
  });
  front.listen(0, '127.0.0.1');
  await once(front, 'listening');
  const client = connect((front.address() as AddressInfo).port, '127.0.0.1');
  cleanups.push(() => {
    client.destroy();
    front.closeAllConnections();
    front.close();
  });
  client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  client.pause();
  while (!response) await new Promise((resolve) => setTimeout(resolve, 5));
  return response;
}

it('waits for the client with one drain listener however many chunks arrive while it is full', async () => {
  const res = await fullResponse();
  const owner: ClientStreamOwner = {
    isClosing: () => false,
    responseBytes: 0,
    responseHeaders: undefined,
    streamEnded: () => undefined,
  };
  const handler = new ClientStreamHandler(res, [], owner);
  let pauses = 0;
  let resumes = 0;
  const controller: UpstreamController = {
    aborted: false,
    abort: () => undefined,
    pause: () => {
      pauses++;
    },
    resume: () => {
      resumes++;
    },
  };
  handler.onRequestStart(controller);
  handler.onResponseStart(controller, 200, { 'content-type': 'text/plain' });
  // Fill the client's buffers, then deliver many small chunks of the same socket read: pausing the upstream cannot
  // stop those, and each finds the client still full.
  const big = Buffer.alloc(1024 * 1024, 0x61);
  for (let i = 0; i < 64 && !res.writableNeedDrain; i++) handler.onResponseData(controller, big);
  expect(res.writableNeedDrain).toBe(true);
  for (let i = 0; i < 500; i++) handler.onResponseData(controller, Buffer.from('x'));
  expect(res.listenerCount('drain')).toBe(1);
  expect(pauses).toBe(1);
  expect(resumes).toBe(0);
});
