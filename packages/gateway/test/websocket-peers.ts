import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { type AddressInfo, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * Minimal RFC 6455 peers for tests (the repository has no WebSocket library): the handshake with
 * `Sec-WebSocket-Accept`, masked client frames, unmasked server frames, close frames. Single-frame messages
 * only, payloads under 64 KiB.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface Frame {
  readonly opcode: number;
  readonly payload: Buffer;
}

/** `Sec-WebSocket-Accept` for a key. */
export function acceptFor(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/** One final frame; masked as a client must send it, unmasked as a server does. */
export function encodeFrame(opcode: number, payload: Buffer | string, masked: boolean): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header =
    data.length < 126 ? Buffer.from([0x80 | opcode, data.length]) : Buffer.from([0x80 | opcode, 126, 0, 0]);
  if (data.length >= 126) header.writeUInt16BE(data.length, 2);
  if (masked) header[1] = (header[1] as number) | 0x80;
  if (!masked) return Buffer.concat([header, data]);
  const mask = randomBytes(4);
  const body = Buffer.from(data);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, body]);
}

/** Reads frames from a byte stream, unmasking when needed. */
export class FrameReader {
  #buffer = Buffer.alloc(0);
  readonly frames: Frame[] = [];
  readonly #waiters: (() => void)[] = [];

  push(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) return;
      const masked = ((b[1] as number) & 0x80) !== 0;
      let length = (b[1] as number) & 0x7f;
      let at = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        at = 4;
      }
      const end = at + (masked ? 4 : 0) + length;
      if (b.length < end) return;
      const payload = Buffer.from(b.subarray(end - length, end));
      if (masked) {
        const mask = b.subarray(at, at + 4);
        for (let i = 0; i < payload.length; i++)
          payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      }
      this.frames.push({ opcode: (b[0] as number) & 0x0f, payload });
      this.#buffer = b.subarray(end);
      for (const waiter of this.#waiters.splice(0)) waiter();
    }
  }

  /** Resolves with frame `index` once it has arrived. */
  async frame(index: number): Promise<Frame> {
    while (this.frames.length <= index) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.frames[index] as Frame;
  }
}

/** A WebSocket connection the test upstream accepted. */
export interface UpstreamSession {
  readonly socket: Socket;
  readonly request: IncomingMessage;
  readonly reader: FrameReader;
  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
}

export interface WebSocketUpstream {
  readonly url: string;
  readonly server: Server;
  readonly sessions: UpstreamSession[];
  /** Plain requests (not upgrades) it received. */
  readonly plain: IncomingMessage[];
  /**
   * Replaces how a handshake is answered. Default: 101 with the right accept, then every text frame is echoed
   * with `echo:` in front, a close frame is answered with a close frame and the connection ends.
   */
  answer(handler: (req: IncomingMessage, socket: Socket, head: Buffer) => boolean): void;
  /** Resolves with session `index` once its handshake was answered. */
  session(index: number): Promise<UpstreamSession>;
  close(): Promise<void>;
}

/** A `node:http` (or, with `tls`, `node:https`) server on 127.0.0.1 that speaks just enough WebSocket to echo. */
export async function startWebSocketUpstream(tls?: ServerOptions): Promise<WebSocketUpstream> {
  const sessions: UpstreamSession[] = [];
  const plain: IncomingMessage[] = [];
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let custom: ((req: IncomingMessage, socket: Socket, head: Buffer) => boolean) | undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    plain.push(req);
    res.end('plain');
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createServer(onRequest);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => undefined);
    // Upgraded sockets of a node:http server stay half-open; a WebSocket server closes when its peer does.
    socket.on('end', () => socket.end());
    if (custom && !custom(req, socket, head)) return;
    const key = String(req.headers['sec-websocket-key']);
    const reader = new FrameReader();
    const closed = once(socket, 'close').then(() => undefined);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptFor(key)}\r\n` +
        (req.headers['sec-websocket-protocol']
          ? `Sec-WebSocket-Protocol: ${String(req.headers['sec-websocket-protocol']).split(',')[0]}\r\n`
          : '') +
        '\r\n',
    );
    sessions.push({ socket, request: req, reader, closed });
    for (const waiter of waiters.splice(0)) waiter();
    let handled = 0;
    const onFrames = (): void => {
      for (;;) {
        const frame = reader.frames[handled];
        if (!frame) return;
        handled++;
        if (frame.opcode === OPCODE.text)
          socket.write(encodeFrame(OPCODE.text, `echo:${frame.payload.toString()}`, false));
        else if (frame.opcode === OPCODE.close) {
          socket.end(encodeFrame(OPCODE.close, frame.payload, false));
        }
      }
    };
    socket.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      onFrames();
    });
    if (head.length > 0) {
      reader.push(head);
      onFrames();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    server,
    sessions,
    plain,
    answer(handler) {
      custom = handler;
    },
    async session(index) {
      while (sessions.length <= index) await new Promise<void>((resolve) => waiters.push(resolve));
      return sessions[index] as UpstreamSession;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** What the client got back for its handshake. */
export interface ClientHandshake {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly socket: Socket;
  /** Frames after the head (for a 101). */
  readonly reader: FrameReader;
  /** The body of a non-101 answer, once the connection closed. */
  readonly body: Promise<string>;
  readonly closed: Promise<void>;
  send(text: string): void;
}

export interface HandshakeOptions {
  readonly headers?: Record<string, string>;
  /** Bytes written in the same write as the handshake (frames a client pipelines behind it). */
  readonly after?: Buffer;
  /** Replaces the whole request head (for malformed or non-WebSocket upgrades). */
  readonly rawHead?: string;
  readonly tls?: { readonly ca: string | Buffer };
}

/** Opens a raw connection to the gateway, sends a WebSocket handshake for `path` and reads the answer's head. */
export async function openWebSocket(
  port: number,
  path: string,
  options: HandshakeOptions = {},
): Promise<ClientHandshake> {
  const socket = options.tls
    ? connectTls({ host: '127.0.0.1', port, ca: options.tls.ca, servername: 'localhost' })
    : connectTcp({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await once(socket, options.tls ? 'secureConnect' : 'connect');
  const key = randomBytes(16).toString('base64');
  const extra = Object.entries(options.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const head =
    options.rawHead ??
    `GET ${path} HTTP/1.1\r\nHost: gateway.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
  socket.write(options.after ? Buffer.concat([Buffer.from(head, 'latin1'), options.after]) : head);
  const closed = once(socket, 'close').then(() => undefined);
  const reader = new FrameReader();
  let buffered = Buffer.alloc(0);
  let headDone = false;
  const chunks: Buffer[] = [];
  const parsed = new Promise<{ status: number; headers: Record<string, string> }>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      if (headDone) {
        chunks.push(chunk);
        reader.push(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      headDone = true;
      const lines = buffered.toString('latin1', 0, end).split('\r\n');
      const status = Number((lines[0] as string).split(' ')[1]);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) {
        chunks.push(rest);
        reader.push(rest);
      }
      resolve({ status, headers });
    });
    socket.once('close', () => reject(new Error('closed before an answer')));
  });
  const { status, headers } = await parsed;
  if (status === 101 && headers['sec-websocket-accept'] !== acceptFor(key) && !options.rawHead)
    throw new Error(`wrong Sec-WebSocket-Accept ${headers['sec-websocket-accept']}`);
  return {
    status,
    headers,
    socket,
    reader,
    body: closed.then(() => decodeBody(Buffer.concat(chunks), headers)),
    closed,
    send(text) {
      socket.write(encodeFrame(OPCODE.text, text, true));
    },
  };
}

function decodeBody(raw: Buffer, headers: Record<string, string>): string {
  if (headers['transfer-encoding'] !== 'chunked') return raw.toString();
  let out = '';
  let text = raw.toString('latin1');
  for (;;) {
    const lineEnd = text.indexOf('\r\n');
    const size = Number.parseInt(text.slice(0, lineEnd), 16);
    if (!size) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    text = text.slice(lineEnd + 4 + size);
  }
}
