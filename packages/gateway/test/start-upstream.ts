import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the test upstream saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly rawHeaders: readonly string[];
  body: Buffer;
  /** Whether the whole body arrived (false when the gateway aborted it). */
  complete: boolean;
  /** The request's connection, to count keep-alive reuse. */
  readonly socket: Socket;
}

export interface TestUpstream {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly seen: SeenRequest[];
  /** Connections accepted so far. */
  connections(): number;
  /** Replaces the handler; the default echoes the request as JSON. */
  handle(handler: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void): void;
  /** Resolves once a request has arrived whose body stream ended or was aborted. */
  settled(index: number): Promise<SeenRequest>;
  close(): Promise<void>;
}

/** A real `node:http` upstream on 127.0.0.1, port 0, that records every request. */
export async function startUpstream(): Promise<TestUpstream> {
  const seen: SeenRequest[] = [];
  const waiters = new Map<number, () => void>();
  const settledSet = new Set<number>();
  let connections = 0;
  let handler = echo;
  const server = createServer((req, res) => {
    const record: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: Buffer.alloc(0),
      complete: false,
      socket: req.socket,
    };
    const index = seen.push(record) - 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const settle = (): void => {
      if (settledSet.has(index)) return;
      record.body = Buffer.concat(chunks);
      record.complete = req.complete;
      settledSet.add(index);
      waiters.get(index)?.();
    };
    req.on('end', settle);
    req.on('close', settle);
    handler(req, res, record);
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    seen,
    connections: () => connections,
    handle(h) {
      handler = h;
    },
    settled(index) {
      if (settledSet.has(index)) return Promise.resolve(seen[index] as SeenRequest);
      return new Promise((resolve) => waiters.set(index, () => resolve(seen[index] as SeenRequest)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function echo(req: IncomingMessage, res: ServerResponse, seen: SeenRequest): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({
      method: seen.method,
      url: seen.url,
      headers: seen.headers,
      bodyLength: Buffer.concat(chunks).length,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
}
