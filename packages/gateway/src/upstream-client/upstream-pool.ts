import type { IncomingHttpHeaders } from 'node:http';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import { ResponseParser, type ResponseParserEvents } from './response-parser.js';
import { UpstreamError } from './upstream-error.js';

export interface UpstreamPoolOptions {
  /** Most sockets open to the origin at once; further requests wait in arrival order. */
  readonly connections: number;
  /** Idle sockets close after this, or 1 s before the upstream's own `Keep-Alive: timeout` if sooner. */
  readonly keepAliveTimeoutMs: number;
  /** From the request written until the response head is complete. */
  readonly headersTimeoutMs: number;
  /** Longest silence while the response body arrives. */
  readonly bodyTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Largest response head (status line and headers). Default 64 KiB. */
  readonly maxHeaderBytes?: number;
  /** More options for `https:` origins (e.g. `ca`); the server name is the origin's host. */
  readonly tls?: ConnectionOptions;
}

export interface UpstreamRequest {
  readonly method: string;
  /** Origin-form target, e.g. `/orders/7?fields=id`. */
  readonly path: string;
  /** Lower-case names; the caller sets `host` and, for buffered bodies, `content-length`. */
  readonly headers: Record<string, string | string[]>;
  /** A stream without a `content-length` header is sent chunked. */
  readonly body: Buffer | AsyncIterable<Buffer> | null;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
}

/** Lets a handler steer its exchange. */
export interface UpstreamController {
  /** Ends the exchange now: `onResponseError(reason)` follows, and the connection is closed if it was in use. */
  abort(reason: Error): void;
  /** Stops reading the response (backpressure) until `resume()`. */
  pause(): void;
  resume(): void;
  readonly aborted: boolean;
}

/** Receives one exchange. Exactly one of `onResponseEnd` and `onResponseError` is called, once. */
export interface UpstreamHandler {
  /** Called synchronously by `dispatch`. */
  onRequestStart(controller: UpstreamController): void;
  /** The final response's head; 1xx informational responses are not reported. */
  onResponseStart(controller: UpstreamController, statusCode: number, headers: IncomingHttpHeaders): void;
  onResponseData(controller: UpstreamController, chunk: Buffer): void;
  onResponseEnd(controller: UpstreamController): void;
  onResponseError(controller: UpstreamController, error: Error): void;
}

/** `request()`'s answer: the head, and the body as a stream. */
export interface UpstreamResponseData {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Readable;
}

/** An abort signal: an `AbortSignal`, or any emitter with `aborted` that emits `abort`. */
type AbortSource = {
  readonly aborted: boolean;
  once?(event: 'abort', listener: () => void): unknown;
  off?(event: 'abort', listener: () => void): unknown;
  addEventListener?(event: 'abort', listener: () => void, options?: { once: boolean }): void;
  removeEventListener?(event: 'abort', listener: () => void): void;
};

/** RFC 9110 §9.2.2: a request the upstream may have received may be sent again. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** Methods whose request has a body by definition: without one they carry `Content-Length: 0`. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_NAME = METHOD;
const TARGET = /^[\x21-\x7e\x80-\xff]+$/;
/** Field values: tabs, visible ASCII and obs-text (one byte each when written as latin1); nothing else. */
const UNSAFE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const UPPER = /[A-Z]/;
/** Bodies up to this size are written in one buffer with the head. */
const COALESCE_BYTES = 16 * 1024;
const KEEP_ALIVE_HINT = /timeout\s*=\s*(\d+)/i;

/**
 * A keep-alive pool of HTTP/1.1 connections to one origin, on raw `net`/`tls` sockets: one exchange per
 * connection at a time (no pipelining), the response parsed strictly (`ResponseParser`). It does what the
 * gateway's forwarding needs and nothing more, which makes a proxied request several times cheaper in CPU than a
 * general-purpose client. A request that failed on a reused connection before any response byte arrived (the
 * upstream closed it while idle) is sent once more on a new connection when it is idempotent and its body is
 * not a stream.
 */
export class UpstreamPool {
  readonly #host: string;
  readonly #port: number;
  readonly #tls: ConnectionOptions | undefined;
  readonly #options: UpstreamPoolOptions;
  readonly #maxHeaderBytes: number;
  readonly #idle: Connection[] = [];
  readonly #queue: Exchange[] = [];
  readonly #connections = new Set<Connection>();
  #open = 0;
  /** Sockets still connecting: each will serve the head of the queue, so no more are opened than wait. */
  #connecting = 0;
  #busy = 0;
  #closing = false;
  #destroyed = false;
  #drained: (() => void) | undefined = undefined;
  #closed: Promise<void> | undefined = undefined;
  /** Checks every connection's deadline (headers, body silence, keep-alive) instead of a timer per request. */
  #sweeper: NodeJS.Timeout | undefined = undefined;
  #sweepMs = 0;

  constructor(origin: string, options: UpstreamPoolOptions) {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError(`upstream ${origin}: the protocol must be http: or https:`);
    this.#host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    this.#tls =
      url.protocol === 'https:'
        ? { ...(isIP(this.#host) === 0 ? { servername: this.#host } : {}), ...options.tls }
        : undefined;
    this.#options = options;
    this.#maxHeaderBytes = options.maxHeaderBytes ?? 64 * 1024;
  }

  /** Sockets open, idle, carrying an exchange, and exchanges waiting for one. */
  get stats(): { open: number; idle: number; busy: number; queued: number } {
    return { open: this.#open, idle: this.#idle.length, busy: this.#busy, queued: this.#queue.length };
  }

  /** Sends `request`; `handler` hears the response. */
  dispatch(request: UpstreamRequest, handler: UpstreamHandler): void {
    const exchange = new Exchange(this, request, handler);
    handler.onRequestStart(exchange);
    if (exchange.aborted) return;
    if (this.#closing) {
      exchange.fail(new UpstreamError('UPSTREAM_POOL_CLOSED', 'the upstream pool is closed'));
      return;
    }
    const problem = serializeHead(request);
    if (problem instanceof UpstreamError) {
      exchange.fail(problem);
      return;
    }
    exchange.head = problem;
    const { headersTimeoutMs, bodyTimeoutMs } = request;
    if (headersTimeoutMs !== undefined || bodyTimeoutMs !== undefined)
      this.#sweepEvery(Math.min(headersTimeoutMs ?? Infinity, bodyTimeoutMs ?? Infinity));
    this.#start(exchange);
  }

  /** Sends `request` and resolves with the response head; the body is a stream with backpressure. */
  request(request: UpstreamRequest & { readonly signal?: AbortSource }): Promise<UpstreamResponseData> {
    return new Promise((resolve, reject) => {
      let body: Readable | undefined;
      const signal = request.signal;
      let abort: (() => void) | undefined;
      const unwatch = (): void => {
        if (!signal || !abort) return;
        if (signal.removeEventListener) signal.removeEventListener('abort', abort);
        else signal.off?.('abort', abort);
      };
      this.dispatch(request, {
        onRequestStart(controller) {
          if (!signal) return;
          abort = (): void => controller.abort(abortError());
          if (signal.aborted) abort();
          else if (signal.addEventListener) signal.addEventListener('abort', abort, { once: true });
          else signal.once?.('abort', abort);
        },
        onResponseStart(controller, statusCode, headers) {
          body = new Readable({
            read: () => controller.resume(),
            destroy: (error, callback) => {
              controller.abort(error ?? abortError());
              callback(error);
            },
          });
          // The error is kept by the stream (`errored`) for whoever reads it later; with no reader yet it must not
          // become an uncaught exception.
          body.on('error', () => undefined);
          resolve({ statusCode, headers, body });
        },
        onResponseData(controller, chunk) {
          if (!body?.push(chunk)) controller.pause();
        },
        onResponseEnd() {
          unwatch();
          body?.push(null);
        },
        onResponseError(_controller, error) {
          unwatch();
          if (body) {
            if (!body.destroyed) body.destroy(error);
          } else reject(error);
        },
      });
    });
  }

  /** Refuses new requests, lets those in flight finish, then closes every socket. */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  #close(): Promise<void> {
    this.#closing = true;
    for (const connection of this.#idle.splice(0)) connection.socket.destroy();
    for (const exchange of this.#queue.splice(0))
      exchange.fail(new UpstreamError('UPSTREAM_POOL_CLOSED', 'the upstream pool closed'));
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drained = resolve;
    });
  }

  /** Closes everything now; exchanges in flight fail with `UPSTREAM_POOL_CLOSED`. */
  destroy(): void {
    this.#destroyed = true;
    void this.close();
    for (const connection of this.#connections) connection.socket.destroy();
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  #start(exchange: Exchange): void {
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      // Bytes waiting on an idle socket belong to no exchange: the connection is out of step.
      if (idle.socket.readableLength > 0 || idle.socket.destroyed) {
        idle.socket.destroy();
        continue;
      }
      this.#assign(idle, exchange);
      return;
    }
    this.#queue.push(exchange);
    this.#connectForQueue(exchange);
  }

  /** Opens a socket when someone waits without one on the way and the limit allows. */
  #connectForQueue(creator: Exchange): void {
    if (this.#open < this.#options.connections && this.#queue.length > this.#connecting)
      this.#connect(creator);
  }

  /**
   * Keeps a sweep running at a tenth of `timeoutMs` (5 ms to 1 s) or finer: a deadline is noticed at most that
   * late. One interval per pool costs less than arming and clearing timers on every request.
   */
  #sweepEvery(timeoutMs: number): void {
    const ms = Math.min(1000, Math.max(5, Math.floor(timeoutMs / 10)));
    if (this.#sweeper && ms >= this.#sweepMs) return;
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweepMs = ms;
    this.#sweeper = setInterval(this.#sweep, ms);
    this.#sweeper.unref();
  }

  readonly #sweep = (): void => {
    if (this.#connections.size === 0) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
      return;
    }
    const now = performance.now();
    for (const connection of this.#connections) connection.check(now);
  };

  #connect(creator: Exchange): void {
    const limits = this.#options;
    this.#sweepEvery(Math.min(limits.headersTimeoutMs, limits.bodyTimeoutMs, limits.keepAliveTimeoutMs));
    this.#open++;
    this.#connecting++;
    const options = { host: this.#host, port: this.#port };
    const socket = this.#tls ? connectTls({ ...this.#tls, ...options }) : connectTcp(options);
    socket.setNoDelay(true);
    const connection = new Connection(this, socket, this.#maxHeaderBytes);
    this.#connections.add(connection);
    const timer = setTimeout(() => {
      socket.destroy(
        new UpstreamError(
          'UPSTREAM_CONNECT_TIMEOUT',
          `no connection to ${this.#host}:${this.#port} within ${this.#options.connectTimeoutMs} ms`,
        ),
      );
    }, this.#options.connectTimeoutMs);
    let connecting = true;
    const settle = (): void => {
      clearTimeout(timer);
      if (connecting) this.#connecting--;
      connecting = false;
    };
    const ready = (): void => {
      settle();
      socket.off('error', failed);
      socket.on('error', connection.onError);
      this.#release(connection, true);
    };
    const failed = (error: Error): void => {
      settle();
      // Someone waiting must hear why: the exchange that asked for this connection, else the oldest one.
      const index = this.#queue.indexOf(creator);
      const victim = index !== -1 ? this.#queue.splice(index, 1)[0] : this.#queue.shift();
      victim?.fail(error);
    };
    socket.once(this.#tls ? 'secureConnect' : 'connect', ready);
    socket.once('error', failed);
    socket.on('data', connection.onData);
    socket.on('end', connection.onSocketEnd);
    socket.once('close', () => {
      settle();
      this.#open--;
      this.#connections.delete(connection);
      const at = this.#idle.indexOf(connection);
      if (at !== -1) this.#idle.splice(at, 1);
      connection.closed();
      this.#afterClose();
    });
  }

  #afterClose(): void {
    if (this.#closing) return;
    const next = this.#queue[0];
    if (next) this.#connectForQueue(next);
  }

  #assign(connection: Connection, exchange: Exchange): void {
    this.#busy++;
    connection.begin(exchange);
  }

  /** A connection is free: the next waiting exchange gets it, else it idles (or closes when the pool does). */
  #release(connection: Connection, fresh: boolean): void {
    if (!fresh) this.#busy--;
    const next = this.#closing ? undefined : this.#queue.shift();
    if (next) this.#assign(connection, next);
    else if (this.#closing) connection.socket.destroy();
    else {
      connection.idle(this.#options.keepAliveTimeoutMs);
      this.#idle.push(connection);
    }
    this.#checkDrained();
  }

  /** Called by a connection when its exchange ended. */
  ended(connection: Connection, reusable: boolean): void {
    if (reusable && !this.#destroyed) this.#release(connection, false);
    else {
      this.#busy--;
      connection.socket.destroy();
      this.#checkDrained();
    }
  }

  /** Called by a connection whose exchange failed and whose socket is being destroyed. */
  lost(): void {
    this.#busy--;
    this.#checkDrained();
  }

  /** A request that failed on a reused connection before any answer, sent once more on a new one. */
  resend(exchange: Exchange): void {
    exchange.resent = true;
    if (this.#closing) {
      exchange.fail(new UpstreamError('UPSTREAM_POOL_CLOSED', 'the upstream pool closed'));
      return;
    }
    this.#queue.unshift(exchange);
    this.#connectForQueue(exchange);
  }

  /** Takes a waiting exchange out of the queue (it was aborted). */
  dequeue(exchange: Exchange): void {
    const index = this.#queue.indexOf(exchange);
    if (index !== -1) this.#queue.splice(index, 1);
  }

  #checkDrained(): void {
    if (this.#busy === 0 && this.#drained) {
      for (const connection of this.#idle.splice(0)) connection.socket.destroy();
      const drained = this.#drained;
      this.#drained = undefined;
      drained();
    }
  }

  get headersTimeoutMs(): number {
    return this.#options.headersTimeoutMs;
  }

  get bodyTimeoutMs(): number {
    return this.#options.bodyTimeoutMs;
  }
}

/** One request and its response on the pool. It is the handler's controller. */
class Exchange implements UpstreamController {
  readonly pool: UpstreamPool;
  readonly request: UpstreamRequest;
  readonly handler: UpstreamHandler;
  head = '';
  connection: Connection | undefined = undefined;
  aborted = false;
  done = false;
  resent = false;
  paused = false;

  constructor(pool: UpstreamPool, request: UpstreamRequest, handler: UpstreamHandler) {
    this.pool = pool;
    this.request = request;
    this.handler = handler;
  }

  /** May this exchange be sent again after failing on a reused connection before any answer? */
  get resendable(): boolean {
    const body = this.request.body;
    return !this.resent && IDEMPOTENT.has(this.request.method) && (body === null || Buffer.isBuffer(body));
  }

  abort(reason: Error): void {
    if (this.done) return;
    this.aborted = true;
    const connection = this.connection;
    if (connection) connection.abandon();
    else this.pool.dequeue(this);
    this.fail(reason);
  }

  pause(): void {
    this.paused = true;
    this.connection?.pause();
  }

  resume(): void {
    this.paused = false;
    this.connection?.resume();
  }

  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.connection = undefined;
    this.handler.onResponseError(this, error);
  }

  succeed(): void {
    if (this.done) return;
    this.done = true;
    this.connection = undefined;
    this.handler.onResponseEnd(this);
  }
}

/** One socket to the upstream and the exchange it carries. */
class Connection implements ResponseParserEvents {
  readonly pool: UpstreamPool;
  readonly socket: Socket;
  readonly parser: ResponseParser;
  /** It carried an exchange before: the upstream may have closed it while it was idle. */
  reused = false;
  exchange: Exchange | undefined = undefined;
  /** The request was written completely (its body too). */
  #sent = false;
  /** The response ended before the request body was sent: the connection is out of step. */
  #cutShort = false;
  #headReceived = false;
  /** What the deadline is for, and when it passes (`performance.now()` ms); checked by the pool's sweep. */
  #waitingFor: 'nothing' | 'send' | 'head' | 'body' | 'reuse' = 'nothing';
  #deadline = 0;
  #keepAliveHintMs = 0;
  #error: Error | undefined = undefined;

  constructor(pool: UpstreamPool, socket: Socket, maxHeaderBytes: number) {
    this.pool = pool;
    this.socket = socket;
    this.parser = new ResponseParser(this, maxHeaderBytes);
  }

  /** The connection waits for its next exchange, at most `configured` ms or 1 s less than the upstream allows. */
  idle(configured: number): void {
    const hint = this.#keepAliveHintMs;
    this.#waitingFor = 'reuse';
    this.#deadline =
      performance.now() + (hint > 0 ? Math.max(1, Math.min(configured, hint - 1000)) : configured);
  }

  pause(): void {
    this.socket.pause();
    // Not reading is the client's doing, not the upstream's silence.
    if (this.#waitingFor === 'body') this.#waitingFor = 'nothing';
  }

  resume(): void {
    this.socket.resume();
    if (this.#headReceived && this.exchange && this.#waitingFor === 'nothing') this.#expectBody();
  }

  #expectBody(): void {
    const exchange = this.exchange as Exchange;
    this.#waitingFor = 'body';
    this.#deadline = performance.now() + (exchange.request.bodyTimeoutMs ?? this.pool.bodyTimeoutMs);
  }

  /** Called by the pool's sweep: fails the exchange or closes the idle socket when its deadline passed. */
  check(now: number): void {
    const waitingFor = this.#waitingFor;
    if (waitingFor === 'nothing' || now < this.#deadline) return;
    this.#waitingFor = 'nothing';
    if (waitingFor === 'reuse') {
      if (!this.exchange) this.socket.destroy();
      return;
    }
    const request = this.exchange?.request;
    if (waitingFor === 'head') {
      const ms = request?.headersTimeoutMs ?? this.pool.headersTimeoutMs;
      this.#fail(new UpstreamError('UPSTREAM_HEADERS_TIMEOUT', `no response head within ${ms} ms`));
    } else if (waitingFor === 'send') {
      const ms = request?.bodyTimeoutMs ?? this.pool.bodyTimeoutMs;
      this.#fail(
        new UpstreamError('UPSTREAM_BODY_TIMEOUT', `the upstream did not read the request body for ${ms} ms`),
      );
    } else {
      const ms = request?.bodyTimeoutMs ?? this.pool.bodyTimeoutMs;
      this.#fail(new UpstreamError('UPSTREAM_BODY_TIMEOUT', `the response body stalled for ${ms} ms`));
    }
  }

  begin(exchange: Exchange): void {
    this.exchange = exchange;
    exchange.connection = this;
    this.#sent = false;
    this.#cutShort = false;
    this.#headReceived = false;
    this.#error = undefined;
    this.#waitingFor = 'nothing';
    const socket = this.socket;
    if (exchange.paused) socket.pause();
    else if (socket.isPaused()) socket.resume();
    const request = exchange.request;
    this.parser.expect(request.method);
    const body = request.body;
    const head = exchange.head;
    if (body === null) {
      socket.write(head, 'latin1');
      this.#requestSent();
    } else if (Buffer.isBuffer(body)) {
      if (body.length <= COALESCE_BYTES) {
        const size = Buffer.byteLength(head, 'latin1');
        const out = Buffer.allocUnsafe(size + body.length);
        out.write(head, 0, size, 'latin1');
        body.copy(out, size);
        socket.write(out);
      } else {
        socket.cork();
        socket.write(head, 'latin1');
        socket.write(body);
        socket.uncork();
      }
      this.#requestSent();
    } else {
      socket.write(head, 'latin1');
      const chunked = request.headers['content-length'] === undefined;
      this.#stream(exchange, body, chunked).then(undefined, (error: unknown) => {
        if (this.exchange === exchange) this.#fail(error as Error);
      });
    }
  }

  async #stream(exchange: Exchange, body: AsyncIterable<Buffer>, chunked: boolean): Promise<void> {
    const socket = this.socket;
    let sent = 0;
    const declared = chunked ? -1 : Number(exchange.request.headers['content-length']);
    for await (const item of body) {
      if (this.exchange !== exchange || socket.destroyed) return;
      const chunk = Buffer.isBuffer(item) ? item : Buffer.from(item as unknown as string);
      if (chunk.length === 0) continue;
      sent += chunk.length;
      // Checked before writing: bytes past the declared length would be read by the upstream as another request.
      if (declared >= 0 && sent > declared)
        throw new UpstreamError(
          'UPSTREAM_INVALID_REQUEST',
          `the request body is longer than the ${declared} bytes its Content-Length declares`,
        );
      let flushed: boolean;
      if (chunked) {
        socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
        socket.write(chunk);
        flushed = socket.write('\r\n', 'latin1');
      } else flushed = socket.write(chunk);
      if (!flushed) {
        // An upstream that stops reading the body gets the body timeout, as one that stops sending does.
        this.#waitingFor = 'send';
        this.#deadline = performance.now() + (exchange.request.bodyTimeoutMs ?? this.pool.bodyTimeoutMs);
        await waitForDrain(socket);
        if (this.#waitingFor === 'send') this.#waitingFor = 'nothing';
      }
    }
    if (this.exchange !== exchange || socket.destroyed) return;
    if (chunked) socket.write('0\r\n\r\n', 'latin1');
    else {
      if (sent !== declared)
        throw new UpstreamError(
          'UPSTREAM_INVALID_REQUEST',
          `the request body had ${sent} bytes, not the ${declared} its Content-Length declares`,
        );
    }
    this.#requestSent();
  }

  #requestSent(): void {
    this.#sent = true;
    const exchange = this.exchange;
    if (!exchange || this.#headReceived) return;
    this.#waitingFor = 'head';
    this.#deadline = performance.now() + (exchange.request.headersTimeoutMs ?? this.pool.headersTimeoutMs);
  }

  // ResponseParserEvents
  onHead(status: number, headers: IncomingHttpHeaders): void {
    this.#headReceived = true;
    const hint = headers['keep-alive'];
    if (typeof hint === 'string') {
      const match = KEEP_ALIVE_HINT.exec(hint);
      if (match) this.#keepAliveHintMs = Number(match[1]) * 1000;
    }
    const exchange = this.exchange as Exchange;
    if (exchange.paused) this.#waitingFor = 'nothing';
    else this.#expectBody();
    exchange.handler.onResponseStart(exchange, status, headers);
  }

  onBody(chunk: Buffer): void {
    const exchange = this.exchange;
    if (exchange && !exchange.done) exchange.handler.onResponseData(exchange, chunk);
  }

  onEnd(reusable: boolean): void {
    const exchange = this.exchange as Exchange;
    this.exchange = undefined;
    this.#waitingFor = 'nothing';
    this.reused = true;
    if (!this.#sent) this.#cutShort = true;
    // A socket the handler paused on the last chunk would sit idle unread: bytes arriving then would wait for
    // the next exchange instead of closing the connection.
    if (this.socket.isPaused()) this.socket.resume();
    try {
      exchange.succeed();
    } finally {
      this.pool.ended(this, reusable && !this.#cutShort && !this.socket.destroyed);
    }
  }

  readonly onData = (data: Buffer): void => {
    if (!this.exchange) {
      // Bytes nobody asked for: the connection is out of step and must not carry another exchange.
      this.socket.destroy();
      return;
    }
    if (this.#waitingFor === 'body') this.#expectBody();
    try {
      this.parser.execute(data);
    } catch (error) {
      this.#fail(error as Error);
    }
  };

  readonly onSocketEnd = (): void => {
    // Nothing of the response arrived: `closed()` decides between sending it again and failing.
    if (this.exchange && this.parser.started) {
      try {
        this.parser.finish();
      } catch (error) {
        this.#fail(error as Error);
      }
    }
    this.socket.destroy();
  };

  readonly onError = (error: Error): void => {
    this.#error = error;
  };

  /** The exchange was aborted by its handler: the socket cannot be reused. */
  abandon(): void {
    this.#waitingFor = 'nothing';
    this.exchange = undefined;
    this.parser.stop();
    this.pool.lost();
    this.socket.destroy();
  }

  /** The socket closed. An exchange still on it failed, or is sent again when that is safe. */
  closed(): void {
    this.#waitingFor = 'nothing';
    const exchange = this.exchange;
    if (!exchange) return;
    this.exchange = undefined;
    this.pool.lost();
    if (this.pool.destroyed) {
      exchange.fail(new UpstreamError('UPSTREAM_POOL_CLOSED', 'the upstream pool was destroyed'));
      return;
    }
    if (this.reused && !this.parser.started && exchange.resendable) {
      exchange.connection = undefined;
      this.pool.resend(exchange);
      return;
    }
    exchange.fail(
      this.#error ??
        new UpstreamError(
          'UPSTREAM_CLOSED',
          this.parser.started
            ? 'the upstream closed the connection before its response was complete'
            : 'the upstream closed the connection without answering',
        ),
    );
  }

  #fail(error: Error): void {
    const exchange = this.exchange;
    if (!exchange) return;
    this.#waitingFor = 'nothing';
    this.exchange = undefined;
    this.parser.stop();
    this.pool.lost();
    this.socket.destroy();
    exchange.fail(error);
  }
}

/** The request head, or why it cannot be written safely. */
function serializeHead(request: UpstreamRequest): string | UpstreamError {
  const { method, path, headers } = request;
  if (!METHOD.test(method)) return invalid(`invalid method ${JSON.stringify(method.slice(0, 32))}`);
  if (!TARGET.test(path)) return invalid('the request target contains whitespace or control characters');
  let head = `${method} ${path} HTTP/1.1\r\n`;
  const body = request.body;
  let declaredLength: string | undefined;
  for (const given in headers) {
    const value = headers[given];
    if (value === undefined) continue;
    const name = UPPER.test(given) ? given.toLowerCase() : given;
    // The framing is this client's to decide: a caller's length that disagrees with the body would desync the
    // connection.
    if (name === 'content-length') {
      declaredLength = Array.isArray(value) ? value.join(',') : value;
      continue;
    }
    if (name === 'transfer-encoding') continue;
    if (!HEADER_NAME.test(name)) return invalid(`invalid header name ${JSON.stringify(name.slice(0, 64))}`);
    if (typeof value === 'string') {
      if (UNSAFE_VALUE.test(value)) return invalid(`a control or non-latin1 character in header ${name}`);
      head += `${name}: ${value}\r\n`;
    } else
      for (const item of value) {
        if (UNSAFE_VALUE.test(item)) return invalid(`a control or non-latin1 character in header ${name}`);
        head += `${name}: ${item}\r\n`;
      }
  }
  if (body === null) {
    if (BODY_METHODS.has(method) || declaredLength !== undefined) head += 'content-length: 0\r\n';
  } else if (Buffer.isBuffer(body)) head += `content-length: ${body.length}\r\n`;
  else if (declaredLength === undefined) head += 'transfer-encoding: chunked\r\n';
  else if (/^[0-9]{1,15}$/.test(declaredLength)) head += `content-length: ${declaredLength}\r\n`;
  else return invalid(`invalid Content-Length ${JSON.stringify(declaredLength.slice(0, 32))}`);
  return `${head}\r\n`;
}

function invalid(message: string): UpstreamError {
  return new UpstreamError('UPSTREAM_INVALID_REQUEST', `cannot forward the request: ${message}`);
}

function abortError(): Error {
  const error = new Error('the request was aborted');
  error.name = 'AbortError';
  return error;
}

function waitForDrain(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
