import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from './listen-on-loopback.js';

describe('listenOnLoopback', () => {
  it('listens on the loopback address and resolves to its URL', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const url = await listenOnLoopback(server, '127.0.0.1', 'demo');
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(url)).text()).toBe('ok');
    } finally {
      await closeServer(server);
    }
    expect(server.listening).toBe(false);
  });

  it('refuses any other host and an out-of-range port, naming the demo', async () => {
    const server = createServer();
    await expect(listenOnLoopback(server, '127.0.0.1', 'clinic demo', { host: '0.0.0.0' })).rejects.toThrow(
      'host must be 127.0.0.1: the clinic demo never listens elsewhere, got "0.0.0.0"',
    );
    await expect(listenOnLoopback(server, '127.0.0.1', 'demo', { port: 70_000 })).rejects.toThrow(
      'port must be an integer from 0 to 65535, got 70000',
    );
    expect(server.listening).toBe(false);
  });
});
