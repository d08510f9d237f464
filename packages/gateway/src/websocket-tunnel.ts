import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { buildResponseHeaders } from './build-response-headers.js';
import type { GatewayMetrics } from './create-metrics.js';
import type { GatewayRequestContext } from './create-request-context.js';
import type { RegisteredTunnel, TunnelRegistry } from './create-tunnel-registry.js';
import type { Upstream } from './create-upstream-set.js';
import { ResponseParser } from './upstream-client/response-parser.js';
import { UpstreamError } from './upstream-client/upstream-error.js';

/** RFC 6455 §1.3: appended to the client's key to compute `Sec-WebSocket-Accept`. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const METHOD_TARGET = /^[\x21-\x7e\x80-\xff]+$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSAFE_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** The request a tunnel belongs to: what it reports into (the exchange that emits the event). */
export interface WebSocketTunnelOwner {
  /** The client's response, on the upgraded socket. */
  readonly res: ServerResponse;
  /** `bodyBytes` counts the bytes the client sent through the tunnel. */
  readonly ctx: GatewayRequestContext;
  /** Bytes the upstream sent through the tunnel (or the body of a relayed refusal). */
  responseBytes: number;
  responseHeaders: OutgoingHttpHeaders | undefined;
  /** Status for the event when the response could not be completed. */
  status: number | undefined;
  /** The upstream answered the handshake (with a 101 or not): it is reachable. */
  tunnelAnswered(upstream: Upstream): void;
  /** The attempt got no answer (connect, TLS, timeout, closed, malformed): retry, or 502/504. */
  tunnelFailed(upstream: Upstream, error: Error): void;
  /** The upstream answered, but not with something the client may get (a 101 that is no WebSocket handshake). */
  tunnelInvalid(upstream: Upstream, reason: string): void;
}

/** One attempt at a tunnel. */
export interface WebSocketTunnelOptions {
  readonly upstream: Upstream;
  /** Origin-form target, the upstream's base path included. */
  readonly path: string;
  /** The request headers for the upstream (`buildUpstreamHeaders`); `Connection`/`Upgrade` are added here. */
  readonly headers: Record<string, string | string[]>;
  /** Headers every response gets (policy headers, HSTS, `x-request-id`). */
  readonly extras: readonly (readonly [string, string])[];
  /** Bytes the client sent after its handshake, before the gateway read from the socket. */
  readonly head: Buffer | undefined;
  readonly connectTimeoutMs: number;
  /** Until the upstream's response head is complete; also the longest silence of a relayed refusal's body. */
  readonly headersTimeoutMs: number;
  /** No byte either way for this long closes the tunnel; 0: never. */
  readonly idleTimeoutMs: number;
  readonly maxHeadBytes: number;
  readonly registry: TunnelRegistry;
  readonly metrics: GatewayMetrics;
}

/** Where a tunnel is: waiting for the upstream's answer, relaying a refusal, open, or over. */
type Phase = 'handshake' | 'relaying' | 'open' | 'over';

/**
 * A WebSocket connection through the gateway, once every policy allowed its handshake: a dedicated connection to
 * the upstream (never a pooled one: after a 101 it carries another protocol), the handshake written on it, the
 * answer read with the strict response parser, and then:
 * - a 101 with `Upgrade: websocket` and the right `Sec-WebSocket-Accept`: the 101 to the client, then bytes both
 *   ways, frames uninspected. Client bytes are held until then: sent earlier, after a refusal they would reach the
 *   upstream as a request no policy saw (WebSocket smuggling). A 101 that is not a valid answer to this
 *   handshake is refused (502), for the same reason;
 * - any other answer: relayed to the client as a normal response, then both connections close;
 * - no answer: `owner.tunnelFailed` (502/504, or another upstream).
 * Either side closing or failing closes the other; so does `idleTimeoutMs` without traffic.
 */
export class WebSocketTunnel implements RegisteredTunnel {
  readonly #owner: WebSocketTunnelOwner;
  readonly #options: WebSocketTunnelOptions;
  readonly #client: Socket;
  readonly #parser: ResponseParser;
  #socket: Socket | undefined = undefined;
  #phase: Phase = 'handshake';
  #timer: NodeJS.Timeout | undefined = undefined;
  #error: Error | undefined = undefined;
  #opened = false;

  constructor(owner: WebSocketTunnelOwner, options: WebSocketTunnelOptions) {
    this.#owner = owner;
    this.#options = options;
    this.#client = owner.res.socket as Socket;
    this.#parser = new ResponseParser(
      {
        onHead: (status, headers) => this.#relayHead(status, headers),
        onBody: (chunk) => this.#relayBody(chunk),
        onEnd: () => this.#relayEnd(),
      },
      options.maxHeadBytes,
      { onUpgrade: (headers, rest) => this.#upgraded(headers, rest) },
    );
  }

  /** Connects to the upstream and sends the handshake; takes a place in the registry until the client closes. */
  start(): void {
    const { upstream, registry } = this.#options;
    const head = serializeHandshake(this.#options.path, this.#options.headers);
    if (head instanceof UpstreamError) {
      this.#owner.tunnelFailed(upstream, head);
      return;
    }
    registry.add(this);
    this.#client.once('close', this.#clientClosed);
    this.#client.on('error', this.#clientError);
    const url = upstream.url;
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    // The same TLS settings as the upstream's pool: its secure context, server name and verification.
    const socket = secure
      ? connectTls({ ...(isIP(host) === 0 ? { servername: host } : {}), ...upstream.tls, host, port })
      : connectTcp({ host, port });
    this.#socket = socket;
    socket.setNoDelay(true);
    this.#timer = setTimeout(() => {
      socket.destroy(
        new UpstreamError(
          'UPSTREAM_CONNECT_TIMEOUT',
          `no connection to ${url.host} within ${this.#options.connectTimeoutMs} ms`,
        ),
      );
    }, this.#options.connectTimeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        socket.destroy(
          new UpstreamError(
            'UPSTREAM_HEADERS_TIMEOUT',
            `no WebSocket handshake answer from ${url.host} within ${this.#options.headersTimeoutMs} ms`,
          ),
        );
      }, this.#options.headersTimeoutMs);
      this.#parser.expect('GET');
      socket.on('data', this.#handshakeData);
      socket.write(head, 'latin1');
    });
    socket.on('error', this.#upstreamError);
    socket.once('close', this.#upstreamClosed);
  }

  /** Ends the tunnel now (gateway shutdown). */
  destroy(): void {
    this.#socket?.destroy();
    this.#client.destroy();
  }

  readonly #handshakeData = (chunk: Buffer): void => {
    try {
      this.#parser.execute(chunk);
    } catch (error) {
      this.#socket?.destroy(error as Error);
    }
  };

  readonly #upstreamError = (error: Error): void => {
    this.#error ??= error;
    // The client sees the end of the tunnel as the end of its connection.
    if (this.#phase === 'open') this.#client.destroy();
  };

  readonly #clientError = (): void => {
    if (this.#phase === 'open') this.#socket?.destroy();
  };

  readonly #upstreamClosed = (): void => {
    clearTimeout(this.#timer);
    const phase = this.#phase;
    if (phase === 'open') {
      // Whatever the upstream sent is written to the client before its connection ends.
      this.#client.destroySoon();
      return;
    }
    if (phase === 'over') return;
    if (this.#error === undefined) {
      try {
        this.#parser.finish(); // completes a refusal whose body ended with the connection
      } catch (error) {
        this.#error = error as Error;
      }
    }
    if (this.#phase === 'over') return;
    this.#phase = 'over';
    const { res } = this.#owner;
    if (phase === 'relaying') {
      // The refusal was cut short: the client sees a truncated response, never a silent short one.
      this.#owner.status = 502;
      res.destroy();
      return;
    }
    this.#options.registry.delete(this);
    this.#client.off('close', this.#clientClosed);
    this.#client.off('error', this.#clientError);
    this.#owner.tunnelFailed(
      this.#options.upstream,
      this.#error ??
        new UpstreamError('UPSTREAM_CLOSED', 'the upstream closed the connection without answering'),
    );
  };

  readonly #clientClosed = (): void => {
    clearTimeout(this.#timer);
    this.#options.registry.delete(this);
    if (this.#opened) this.#options.metrics.observeWebSocketClosed();
    const socket = this.#socket;
    if (this.#phase === 'open' && socket) socket.destroySoon();
    else socket?.destroy();
    this.#phase = 'over';
  };

  /** The upstream switched protocols: check that it is this WebSocket handshake's answer, then open the tunnel. */
  #upgraded(headers: IncomingHttpHeaders, rest: Buffer): void {
    const socket = this.#socket as Socket;
    this.#owner.tunnelAnswered(this.#options.upstream);
    const key = String(this.#owner.ctx.headers['sec-websocket-key']);
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    const upgrade = String(headers.upgrade ?? '').toLowerCase();
    if (
      !upgrade.split(',').some((token) => token.trim() === 'websocket') ||
      headers['sec-websocket-accept'] !== accept
    ) {
      clearTimeout(this.#timer);
      this.#phase = 'over';
      this.#options.registry.delete(this);
      this.#client.off('close', this.#clientClosed);
      this.#client.off('error', this.#clientError);
      socket.destroy();
      this.#owner.tunnelInvalid(
        this.#options.upstream,
        '101 Switching Protocols that is not an answer to the WebSocket handshake',
      );
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const owner = this.#owner;
    const client = this.#client;
    const out = buildResponseHeaders(headers, this.#options.extras);
    out['connection'] = 'Upgrade';
    out['upgrade'] = 'websocket';
    owner.res.writeHead(101, out);
    owner.responseHeaders = out;
    owner.res.end();
    this.#phase = 'open';
    this.#opened = true;
    this.#options.metrics.observeWebSocketOpened();
    socket.off('data', this.#handshakeData);
    if (rest.length > 0) {
      owner.responseBytes += rest.length;
      client.write(rest);
    }
    const head = this.#options.head;
    if (head !== undefined && head.length > 0) {
      owner.ctx.bodyBytes += head.length;
      socket.write(head);
    }
    client.on('data', (chunk: Buffer) => {
      owner.ctx.bodyBytes += chunk.length;
    });
    socket.on('data', (chunk: Buffer) => {
      owner.responseBytes += chunk.length;
    });
    client.pipe(socket);
    socket.pipe(client);
    // After a side's FIN no WebSocket close handshake can complete: the tunnel ends once what is buffered has been
    // written (as nginx ends an upgraded connection at either side's end), instead of lingering half-open. The
    // upstream socket is not half-open capable, so its FIN closes it, and that closes the client.
    client.once('end', () => client.destroySoon());
    const idle = this.#options.idleTimeoutMs;
    // A socket's timer restarts on every read and write, so the client's alone sees traffic in both directions.
    client.setTimeout(idle);
    if (idle > 0)
      client.once('timeout', () => {
        socket.destroy();
        client.destroy();
      });
  }

  /** A final response other than 101: relayed to the client as it is (Node adds `Connection: close`). */
  #relayHead(status: number, headers: IncomingHttpHeaders): void {
    this.#owner.tunnelAnswered(this.#options.upstream);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const socket = this.#socket as Socket;
    const { res } = this.#owner;
    if (res.headersSent || res.destroyed) {
      this.#phase = 'over';
      socket.destroy();
      return;
    }
    let out: Record<string, string | string[]>;
    try {
      out = buildResponseHeaders(headers, this.#options.extras);
      res.writeHead(status, out);
    } catch {
      this.#phase = 'over';
      this.#options.registry.delete(this);
      this.#client.off('close', this.#clientClosed);
      this.#client.off('error', this.#clientError);
      socket.destroy();
      this.#owner.tunnelInvalid(this.#options.upstream, 'invalid response header');
      return;
    }
    this.#owner.responseHeaders = out;
    this.#phase = 'relaying';
    socket.setTimeout(this.#options.headersTimeoutMs, () =>
      socket.destroy(new UpstreamError('UPSTREAM_BODY_TIMEOUT', 'the refusal body stalled')),
    );
  }

  #relayBody(chunk: Buffer): void {
    const { res } = this.#owner;
    this.#owner.responseBytes += chunk.length;
    if (!res.write(chunk)) {
      const socket = this.#socket as Socket;
      socket.pause();
      res.once('drain', () => socket.resume());
    }
  }

  #relayEnd(): void {
    this.#phase = 'over';
    this.#owner.res.end();
    this.#socket?.destroy();
  }
}

/** The handshake's request head, or why it cannot be written without changing its meaning. */
function serializeHandshake(
  path: string,
  headers: Record<string, string | string[]>,
): string | UpstreamError {
  if (!METHOD_TARGET.test(path))
    return invalid('the request target contains whitespace or control characters');
  let head = `GET ${path} HTTP/1.1\r\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    // No body on a handshake; the connection-level fields are this tunnel's own.
    if (
      name === 'content-length' ||
      name === 'transfer-encoding' ||
      name === 'connection' ||
      name === 'upgrade'
    )
      continue;
    if (!HEADER_NAME.test(name)) return invalid(`invalid header name ${JSON.stringify(name.slice(0, 64))}`);
    for (const item of typeof value === 'string' ? [value] : value) {
      if (UNSAFE_VALUE.test(item)) return invalid(`a control or non-latin1 character in header ${name}`);
      head += `${name}: ${item}\r\n`;
    }
  }
  return `${head}connection: Upgrade\r\nupgrade: websocket\r\n\r\n`;
}

function invalid(message: string): UpstreamError {
  return new UpstreamError('UPSTREAM_INVALID_REQUEST', `cannot forward the WebSocket handshake: ${message}`);
}
