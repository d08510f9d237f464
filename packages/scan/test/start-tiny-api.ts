import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request to a tiny test API, with its body read. */
export interface TinyRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A started tiny API: its origin and how to stop it. */
export interface TinyApi {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a purpose-built `node:http` API on 127.0.0.1, port 0, for one test. The handler answers with
 * `send(status, body?, headers?)` (JSON bodies are serialized).
 */
export async function startTinyApi(
  handler: (
    request: TinyRequest,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ) => void,
): Promise<TinyApi> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, {
          ...(body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' }),
          ...headers,
        });
        res.end(text);
      };
      handler(
        {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        send,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
