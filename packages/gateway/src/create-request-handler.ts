import { EventEmitter } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import type { TLSSocket } from 'node:tls';
import type { ApiEvent, PolicyVerdict } from '@rampart/core';
import { buildApiEvent } from './build-api-event.js';
import { buildResponseHeaders } from './build-response-headers.js';
import { buildUpstreamHeaders } from './build-upstream-headers.js';
import { checkRequestFraming } from './check-request-framing.js';
import { checkWebSocketHandshake, isWebSocketUpgrade } from './check-websocket-handshake.js';
import { classifyUpstreamError, upstreamErrorCode } from './classify-upstream-error.js';
import { ClientStreamHandler, type ClientStreamOwner } from './client-stream-handler.js';
import type {
  CompiledGatewayConfig,
  CompiledPolicy,
  CompiledResponsePolicy,
} from './compile-gateway-config.js';
import { createHeaderRedactor, type HeaderRedactor } from './create-header-redactor.js';
import type { GatewayMetrics } from './create-metrics.js';
import { GatewayRequestContext } from './create-request-context.js';
import type { TunnelRegistry } from './create-tunnel-registry.js';
import type { Upstream } from './create-upstream-set.js';
import { createUrlRedactor, type UrlRedactor } from './create-url-redactor.js';
import type { Denial } from './define-policy.js';
import { DenialError } from './denial-error.js';
import { GatewayUpstreamResponse } from './gateway-upstream-response.js';
import { nextRequestId } from './next-request-id.js';
import { normalizePath } from './normalize-path.js';
import { parserFailures } from './parser-failures.js';
import { readClientCertificate } from './read-client-certificate.js';
import { type ClientAddress, resolveClientAddress } from './resolve-client-address.js';
import { sendProblem } from './send-problem.js';
import { stripUntrustedHeaders } from './strip-untrusted-headers.js';
import type { UpstreamResponseData } from './upstream-client/upstream-pool.js';
import { upgradeHeads } from './upgrade-heads.js';
import { WebSocketTunnel, type WebSocketTunnelOwner } from './websocket-tunnel.js';

/** What the request handler needs from the gateway that owns it. */
export interface RequestHandlerHost {
  /** The configuration new requests start on. */
  current(): CompiledGatewayConfig;
  readonly metrics: GatewayMetrics;
  emit(event: ApiEvent): void;
  /** True once `close()` began: responses then carry `Connection: close`. */
  isClosing(): boolean;
  /** Called once per request when its response is over (sent, refused or aborted). */
  finished(config: CompiledGatewayConfig): void;
  warn(message: string): void;
  /** Open WebSocket tunnels, gateway-wide (`limits.maxWebSockets`; ended by `close()`). */
  readonly tunnels: TunnelRegistry;
}

/** RFC 9110 §9.2.2. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/**
 * Request bodies up to this size with a `Content-Length` are read completely before they are forwarded (as nginx
 * does with `proxy_request_buffering`): one write upstream instead of a stream, and the request can be retried on
 * another upstream when it is idempotent. Larger and chunked bodies are streamed.
 */
const BUFFERED_BODY_BYTES = 16 * 1024;

/** Largest head of an upstream's answer to a WebSocket handshake (the pools' default too). */
const UPSTREAM_HEAD_BYTES = 64 * 1024;

type Refusal = [policy: string, denial: Denial];

/** `IncomingMessage.upgrade` is set by Node but missing from its types. */
type UpgradeRequest = IncomingMessage & { readonly upgrade?: boolean };

/** Logs why attempts on an upstream failed: once a minute per upstream, kind and code, whatever the request rate. */
type UpstreamFailureLog = (origin: string, kind: string, code: string) => void;

const UPSTREAM_WARNING_INTERVAL_MS = 60_000;

function createUpstreamFailureLog(host: RequestHandlerHost): UpstreamFailureLog {
  const lastWarned = new Map<string, number>();
  return (origin, kind, code) => {
    const key = `${origin} ${kind} ${code}`;
    const now = Date.now();
    const last = lastWarned.get(key);
    if (last !== undefined && now - last < UPSTREAM_WARNING_INTERVAL_MS) return;
    if (lastWarned.size >= 1000) lastWarned.clear();
    lastWarned.set(key, now);
    host.warn(
      `gateway: upstream ${origin} failed (${kind}: ${code}); counted in rampart_gateway_upstream_errors_total, ` +
        'logged at most once a minute per upstream and cause',
    );
  };
}

/** The exchange a response belongs to, for the one `close` listener every response shares. */
const EXCHANGE = Symbol('rampart.exchange');
type ExchangeResponse = ServerResponse & { [EXCHANGE]: Exchange };

/** Shared by every response (a closure per request would be one more allocation on the hot path). */
function onResponseClose(this: ServerResponse): void {
  (this as ExchangeResponse)[EXCHANGE].responseClosed();
}

/** The event's redactors, one pair per gateway (their caches are shared by every request). */
interface Redactors {
  readonly headers: HeaderRedactor;
  readonly target: UrlRedactor;
}

/**
 * The gateway's request listener: framing checks, early policies (accept, limits), path normalization, the
 * remaining policies in stage order, forwarding on the upstream pools, and one `ApiEvent` per request when the response
 * is over, whatever happened. Each request runs on the configuration current when it arrived.
 */
export function createRequestHandler(
  host: RequestHandlerHost,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Connections the gateway decided to close after a refusal. Requests pipelined behind the refused one were
  // parsed before the close, but their framing is suspect and their answers could not be delivered: they are
  // never processed or forwarded.
  const doomed = new WeakSet<object>();
  const redactors: Redactors = { headers: createHeaderRedactor(), target: createUrlRedactor() };
  const warnUpstream = createUpstreamFailureLog(host);
  return (req, res) => {
    if (doomed.has(req.socket)) return;
    new Exchange(host, req, res, doomed, redactors, warnUpstream).run();
  };
}

/**
 * One request and its response, from arrival to the event. The common path (synchronous policies, response
 * streamed straight to the client) runs without promises or per-step closures: it goes asynchronous only where
 * a policy or a body read does.
 */
class Exchange implements ClientStreamOwner, WebSocketTunnelOwner {
  readonly host: RequestHandlerHost;
  readonly config: CompiledGatewayConfig;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ctx: GatewayRequestContext;
  readonly address: ClientAddress;
  readonly start: number;
  readonly time: number;
  verdict: PolicyVerdict = 'allow';
  deniedBy: { policy: string; reason: string } | undefined = undefined;
  responseBytes = 0;
  /** Status to report when the response could not be completed (e.g. upstream broke mid-body). */
  status: number | undefined = undefined;
  responseHeaders: OutgoingHttpHeaders | undefined = undefined;
  /** The client's response is over (sent, refused or aborted). */
  closed = false;

  readonly #doomed: WeakSet<object>;
  readonly #redact: Redactors;
  readonly #warnUpstream: UpstreamFailureLog;
  #stream: ClientStreamHandler | undefined = undefined;
  #upstream: Upstream | undefined = undefined;
  #tried: Set<Upstream> | undefined = undefined;
  #attempt = 0;
  #body: Buffer | AsyncIterable<Buffer> | null = null;
  #retryable = false;
  #target = '';

  constructor(
    host: RequestHandlerHost,
    req: IncomingMessage,
    res: ServerResponse,
    doomed: WeakSet<object>,
    redact: Redactors,
    warnUpstream: UpstreamFailureLog,
  ) {
    const config = host.current();
    config.inFlight++;
    this.host = host;
    this.config = config;
    this.req = req;
    this.res = res;
    this.#doomed = doomed;
    this.#redact = redact;
    this.#warnUpstream = warnUpstream;
    this.start = performance.now();
    this.time = Date.now();
    const options = config.options;
    const socket = req.socket as TLSSocket;
    const secure = socket.encrypted === true;
    const address = resolveClientAddress(req.headers, socket.remoteAddress, secure, config.trusted);
    this.address = address;
    this.ctx = new GatewayRequestContext({
      id: nextRequestId(),
      req,
      headers: stripUntrustedHeaders(req.headers, address.trustedPeer),
      clientIp: address.clientIp,
      secure,
      clientCertificate: secure && options.tls?.clientCertificate ? readClientCertificate(socket) : undefined,
      maxBodyBytes: options.limits.maxBodyBytes,
      maxJsonDepth: options.limits.maxJsonDepth,
    });
    (res as ExchangeResponse)[EXCHANGE] = this;
    res.on('close', onResponseClose);
  }

  isClosing(): boolean {
    return this.host.isClosing();
  }

  run(): void {
    try {
      const framing = checkRequestFraming(this.req);
      if (framing) {
        this.deny('http-framing', framing);
        return;
      }
      // Synchronous policies are run without yielding, so that a refusal of a pipelined request is decided
      // before Node parses the next request on the connection.
      const refused = runPolicies(this.config.early, this.ctx, this.host);
      if (refused instanceof Promise)
        refused.then((early) => this.#afterEarly(early)).then(undefined, (error) => this.#failed(error));
      else this.#afterEarly(refused);
    } catch (error) {
      this.#failed(error);
    }
  }

  #afterEarly(refused: Refusal | undefined): void {
    if (refused) {
      this.deny(refused[0], refused[1]);
      return;
    }
    const ctx = this.ctx;
    const normalized = normalizePath(ctx.rawUrl, {
      caseInsensitive: this.config.options.routing.caseInsensitive,
    });
    if (!normalized.ok) {
      this.deny('path-normalization', {
        status: 400,
        detail: 'The request path is malformed.',
        reason: normalized.reason,
      });
      return;
    }
    ctx.path = normalized.path;
    ctx.query = normalized.query;
    const late = runPolicies(this.config.late, ctx, this.host);
    if (late instanceof Promise)
      late.then((refusal) => this.#afterLate(refusal)).then(undefined, (error) => this.#failed(error));
    else this.#afterLate(late);
  }

  #afterLate(refused: Refusal | undefined): void {
    if (refused) {
      this.deny(refused[0], refused[1]);
      return;
    }
    const ctx = this.ctx;
    if (
      ctx.hasBody &&
      ctx.bufferedBody === undefined &&
      ctx.contentLength !== undefined &&
      ctx.contentLength <= BUFFERED_BODY_BYTES &&
      !this.closed
    ) {
      ctx
        .readBody()
        .then(
          () => this.#forward(),
          (error) => this.#bodyFailed(error),
        )
        .then(undefined, (error) => this.#failed(error));
      return;
    }
    this.#forward();
  }

  #bodyFailed(error: unknown): void {
    if (error instanceof DenialError) {
      this.deny('limits', error.denial);
      return;
    }
    // The client went away while sending its body: reported as 499.
    if (this.closed || this.res.destroyed) return;
    this.res.destroy();
  }

  /** A refusal: the problem response, and whether the connection must close after it. */
  deny(policy: string, denial: Denial): void {
    this.verdict = 'deny';
    this.deniedBy = { policy, reason: denial.reason };
    const res = this.res;
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    // An unread body would be drained by Node to keep the connection alive: close it instead. After a malformed
    // (400) or oversized (413) request the framing of what follows cannot be trusted either (RFC 9112 §11.2).
    const close =
      this.host.isClosing() ||
      denial.status === 400 ||
      denial.status === 413 ||
      (this.ctx.hasBody && !this.req.complete);
    if (close) this.#doomed.add(this.req.socket);
    this.responseBytes = sendProblem(res, denial, this.ctx.id, this.#extras(), close, this);
  }

  #extras(): [string, string][] {
    const extras: [string, string][] = [];
    for (const header of this.config.staticHeaders) extras.push(header as [string, string]);
    extras.push(['x-request-id', this.ctx.id]);
    for (const header of this.ctx.responseHeaders) extras.push(header);
    return extras;
  }

  #forward(): void {
    // Set by Node on requests that came through the server's `upgrade` listener (`createUpgradeListener`).
    if ((this.req as UpgradeRequest).upgrade) {
      if (isWebSocketUpgrade(this.req.headers)) {
        this.#upgrade();
        return;
      }
      // Another protocol (h2c from `curl --http2`, …): the gateway does not switch, and answers in HTTP/1.1 as
      // RFC 9110 §7.8 allows (`Upgrade` is hop-by-hop and not forwarded). Node has already handed the socket over,
      // so the connection closes after the answer, and a body could not be read: such a request is refused.
      if (this.ctx.hasBody) {
        this.deny('http-framing', {
          status: 400,
          detail:
            'A request that asks for a protocol upgrade cannot carry a body here; send it without Upgrade.',
          reason: `Upgrade ${JSON.stringify(String(this.req.headers.upgrade ?? '').slice(0, 64))} with a request body`,
        });
        return;
      }
    }
    const ctx = this.ctx;
    const body = ctx.bodyForUpstream();
    this.#body = body;
    this.#retryable = IDEMPOTENT.has(ctx.method) && (body === null || Buffer.isBuffer(body));
    this.#target = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
    // Without response policies the upstream response is streamed straight into `res` (dispatch); with them it is
    // received as a stream the policies can read first (request).
    if (this.config.response.length > 0)
      this.#forwardInspected().then(undefined, (error) => this.#failed(error));
    else this.#dispatch();
  }

  #headersFor(upstream: Upstream): Record<string, string | string[]> {
    const ctx = this.ctx;
    const headers = buildUpstreamHeaders(ctx.headers, {
      address: this.address,
      secure: ctx.secure,
      host:
        this.config.options.proxy.preserveHost && this.req.headers.host
          ? this.req.headers.host
          : upstream.host,
      requestId: ctx.id,
      bufferedLength: ctx.bufferedBody?.length,
    });
    if (ctx.wantsResponseBody) headers['accept-encoding'] = 'identity';
    return headers;
  }

  /**
   * An upgrade request (it came through the server's `upgrade` listener) that passed every policy: a WebSocket
   * tunnel when it is a valid handshake and there is room for one, else a refusal.
   */
  #upgrade(): void {
    if (this.closed) return;
    const options = this.config.options;
    const refusal = checkWebSocketHandshake(this.req, options.proxy.websockets);
    if (refusal) {
      this.deny('websocket', refusal);
      return;
    }
    if (this.host.isClosing()) {
      this.deny('websocket', {
        status: 503,
        detail: 'The gateway is shutting down; try again later.',
        reason: 'WebSocket handshake during shutdown',
      });
      return;
    }
    if (this.host.tunnels.size >= options.limits.maxWebSockets) {
      this.deny('limits', {
        status: 503,
        detail: 'Too many WebSocket connections are open; try again later.',
        reason: `limits.maxWebSockets (${options.limits.maxWebSockets}) tunnels are open`,
        headers: { 'retry-after': '1' },
      });
      return;
    }
    const ctx = this.ctx;
    this.#retryable = true;
    this.#target = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
    this.#openTunnel();
  }

  /** The next upstream to try, or undefined after refusing the request with 502 when none is left. */
  #pickUpstream(): Upstream | undefined {
    const upstream = this.config.upstreams.pick(this.#tried);
    if (!upstream)
      this.deny('forward', {
        status: 502,
        detail: 'The upstream service is unavailable.',
        reason: 'no upstream left to try',
      });
    return upstream;
  }

  #openTunnel(): void {
    const upstream = this.#pickUpstream();
    if (!upstream) return;
    this.#upstream = upstream;
    const proxy = this.config.options.proxy;
    new WebSocketTunnel(this, {
      upstream,
      path: upstream.basePath + this.#target,
      headers: this.#headersFor(upstream),
      extras: this.#extras(),
      head: upgradeHeads.get(this.req),
      connectTimeoutMs: proxy.connectTimeoutMs,
      headersTimeoutMs: proxy.headersTimeoutMs,
      idleTimeoutMs: proxy.websocketIdleTimeoutMs,
      maxHeadBytes: UPSTREAM_HEAD_BYTES,
      registry: this.host.tunnels,
      metrics: this.host.metrics,
    }).start();
  }

  tunnelAnswered(upstream: Upstream): void {
    this.config.upstreams.reportSuccess(upstream);
  }

  tunnelFailed(upstream: Upstream, error: Error): void {
    if (this.#retry(upstream, error, this.closed)) this.#openTunnel();
  }

  tunnelInvalid(upstream: Upstream, reason: string): void {
    this.host.metrics.observeUpstreamError(upstream.origin, 'other');
    this.#upstreamProblem(502, `${upstream.origin}: ${reason}`);
  }

  /** One upstream attempt, its response streamed straight to the client; `streamEnded` decides what follows. */
  #dispatch(): void {
    const upstream = this.#pickUpstream();
    if (!upstream) return;
    this.#upstream = upstream;
    this.responseBytes = 0;
    const handler = new ClientStreamHandler(this.res, this.#extras(), this);
    this.#stream = handler;
    if (this.closed) handler.abortForClient();
    upstream.pool.dispatch(
      {
        method: this.ctx.method,
        path: upstream.basePath + this.#target,
        headers: this.#headersFor(upstream),
        body: this.#body,
      },
      handler,
    );
  }

  streamEnded(handler: ClientStreamHandler, error: Error | undefined, invalidHeader: boolean): void {
    const upstream = this.#upstream as Upstream;
    if (handler.started || invalidHeader) this.config.upstreams.reportSuccess(upstream);
    if (handler.started && error === undefined) return;
    // Failures are handled after the pool's callback has returned (a retry dispatches on the same pool).
    queueMicrotask(() => {
      try {
        this.#attemptFailed(handler, upstream, error, invalidHeader);
      } catch (failure) {
        this.#failed(failure);
      }
    });
  }

  #attemptFailed(
    handler: ClientStreamHandler,
    upstream: Upstream,
    error: Error | undefined,
    invalidHeader: boolean,
  ): void {
    if (invalidHeader) {
      this.#upstreamProblem(502, `${upstream.origin}: invalid response header`);
      return;
    }
    if (handler.started) {
      // The upstream broke off mid-body: the client sees a truncated response, never a silent short one.
      if (!handler.clientGone) {
        this.status = 502;
        const kind = classifyUpstreamError(error);
        this.host.metrics.observeUpstreamError(upstream.origin, kind);
        this.#warnUpstream(upstream.origin, kind, upstreamErrorCode(error));
      }
      this.res.destroy();
      return;
    }
    if (this.#retry(upstream, error, handler.clientGone)) this.#dispatch();
  }

  /**
   * After an attempt that got no response: refuses (413 for a body over the limit), gives up silently when the
   * client went away, answers 502/504, or returns true when the request should go to another upstream.
   */
  #retry(upstream: Upstream, error: unknown, clientGone: boolean): boolean {
    const ctx = this.ctx;
    if (ctx.bodyTooLarge || error instanceof DenialError) {
      this.deny('limits', error instanceof DenialError ? error.denial : tooLarge(this.config));
      return false;
    }
    if (clientGone || this.res.destroyed) return false; // the client went away: reported as 499
    const kind = classifyUpstreamError(error);
    const code = upstreamErrorCode(error);
    this.host.metrics.observeUpstreamError(upstream.origin, kind);
    this.#warnUpstream(upstream.origin, kind, code);
    // A refused connection or a failed handshake sent no request byte: the upstream is unusable, and the request
    // may go to another one.
    const unreachable = kind === 'connect' || kind === 'tls';
    if (unreachable) this.config.upstreams.reportFailure(upstream);
    if (unreachable && this.#retryable && this.#attempt < this.config.options.proxy.retries) {
      this.#attempt++;
      this.#tried ??= new Set();
      this.#tried.add(upstream);
      return true;
    }
    this.verdict = 'allow';
    this.#upstreamProblem(kind === 'timeout' ? 504 : 502, `${upstream.origin}: ${code}`);
    return false;
  }

  /** Forwarding when response policies need the upstream response before the client gets it. */
  async #forwardInspected(): Promise<void> {
    const abort = watchClient(this.res);
    for (;;) {
      const upstream = this.#pickUpstream();
      if (!upstream) return;
      let response: UpstreamResponseData | undefined;
      let error: unknown;
      try {
        response = await upstream.pool.request({
          method: this.ctx.method,
          path: upstream.basePath + this.#target,
          headers: this.#headersFor(upstream),
          body: this.#body,
          signal: abort,
        });
      } catch (caught) {
        error = caught;
      }
      if (response) {
        this.config.upstreams.reportSuccess(upstream);
        return this.#passInspected(upstream, response, abort);
      }
      if (!this.#retry(upstream, error, abort.aborted)) return;
    }
  }

  /** Runs the response policies on the upstream's response, then sends it (possibly replaced) or their refusal. */
  async #passInspected(
    upstream: Upstream,
    response: UpstreamResponseData,
    abort: ClientWatch,
  ): Promise<void> {
    const { ctx, res, config, host } = this;
    const inspected = new GatewayUpstreamResponse(
      response,
      config.options.limits.maxResponseBufferBytes,
      ctx.method === 'HEAD',
    );
    let refused: Refusal | undefined | Promise<Refusal | undefined>;
    try {
      refused = runResponsePolicies(config.response, ctx, inspected, host);
      if (refused instanceof Promise) refused = await refused;
    } catch (error) {
      // Reading the upstream body failed (reset, body timeout) before anything was sent.
      inspected.discard();
      if (abort.aborted || res.destroyed) return;
      host.metrics.observeUpstreamError(upstream.origin, classifyUpstreamError(error));
      this.#upstreamProblem(502, `${upstream.origin}: body read failed`);
      return;
    }
    if (refused) {
      inspected.discard();
      this.deny(refused[0], refused[1]);
      return;
    }
    const extras = this.#extras();
    if (host.isClosing()) extras.push(['connection', 'close']);
    const complete = inspected.completeBody;
    try {
      const headers = buildResponseHeaders(response.headers, extras);
      if (complete) {
        headers['content-length'] = String(complete.length);
        delete headers['transfer-encoding'];
        // The representation changed: validators and digests of the upstream's no longer describe it.
        delete headers['etag'];
        delete headers['content-md5'];
        delete headers['digest'];
        delete headers['repr-digest'];
        delete headers['content-digest'];
      }
      res.writeHead(response.statusCode, headers);
      this.responseHeaders = headers;
    } catch {
      response.body.destroy();
      this.#upstreamProblem(502, `${upstream.origin}: invalid response header`);
      return;
    }
    if (complete) {
      this.responseBytes = ctx.method === 'HEAD' ? 0 : complete.length;
      res.end(ctx.method === 'HEAD' ? undefined : complete);
      return;
    }
    const responseBody = inspected.touched ? inspected.streamBody() : response.body;
    responseBody.on('data', (chunk: Buffer) => {
      this.responseBytes += chunk.length;
    });
    try {
      await pipeline(responseBody, res);
    } catch (error) {
      if (!abort.aborted) {
        // The upstream broke off mid-body: the client sees a truncated response, never a silent short one.
        this.status = 502;
        host.metrics.observeUpstreamError(upstream.origin, classifyUpstreamError(error));
      }
      res.destroy();
    }
  }

  #upstreamProblem(status: 502 | 504, reason: string): void {
    const res = this.res;
    if (res.headersSent || res.destroyed) return void res.destroy();
    this.responseBytes = sendProblem(
      res,
      {
        status,
        detail:
          status === 504
            ? 'The upstream service did not answer in time.'
            : 'The upstream service is unavailable.',
        reason,
      },
      this.ctx.id,
      this.#extras(),
      this.host.isClosing() || (this.ctx.hasBody && !this.ctx.bufferedBody && !this.req.complete),
      this,
    );
  }

  #failed(error: unknown): void {
    const res = this.res;
    this.host.warn(
      `gateway: request ${this.ctx.id} failed internally: ${(error as Error)?.stack ?? String(error)}`,
    );
    if (!res.headersSent && !res.destroyed) {
      this.responseBytes = sendProblem(
        res,
        { status: 500, detail: 'The gateway failed to handle the request.', reason: 'internal error' },
        this.ctx.id,
        this.#extras(),
        true,
        this,
      );
    } else res.destroy();
  }

  /** The response is over, however it ended: metrics, the event, and the upstream aborted if still running. */
  responseClosed(): void {
    this.closed = true;
    const { ctx, res, req, host } = this;
    const latencyMs = performance.now() - this.start;
    const finished = res.writableFinished;
    const parserFailure = finished ? undefined : parserFailures.get(req.socket);
    if (parserFailure) {
      this.verdict = 'deny';
      this.deniedBy = { policy: 'http-parser', reason: parserFailure.reason };
    } else if (this.verdict === 'allow' && ctx.observed) {
      this.verdict = 'observe';
      this.deniedBy = ctx.observed;
    }
    const status = finished ? res.statusCode : (parserFailure?.status ?? this.status ?? 499);
    host.metrics.observeRequest(ctx.route ?? 'unmatched', ctx.method, status, this.verdict, latencyMs / 1000);
    try {
      host.emit(
        buildApiEvent(
          {
            id: ctx.id,
            time: this.time,
            method: ctx.method,
            rawUrl: ctx.rawUrl,
            path: ctx.path,
            route: ctx.route,
            operationId: ctx.operation?.operationId,
            status,
            latencyMs,
            requestSize: ctx.bodyBytes,
            responseSize: this.responseBytes,
            clientIp: ctx.clientIp,
            identity: ctx.identity,
            auth: ctx.auth,
            verdict: this.verdict,
            deniedBy: this.deniedBy,
            requestHeaders: req.headers,
            // Headers passed to writeHead() as an object are not kept by Node (getHeaders() is then empty).
            responseHeaders: this.responseHeaders ?? res.getHeaders(),
          },
          this.#redact.headers,
          this.#redact.target,
        ),
      );
    } catch (error) {
      host.warn(
        `gateway: building or emitting the event of request ${ctx.id} failed: ${(error as Error).message}`,
      );
    }
    host.finished(this.config);
    if (!finished) this.#stream?.abortForClient();
  }
}

/**
 * Runs policies in order until one refuses. Stays synchronous while the handlers do; switches to async at the
 * first handler that returns a promise.
 */
function runPolicies(
  policies: readonly CompiledPolicy[],
  ctx: GatewayRequestContext,
  host: RequestHandlerHost,
  from = 0,
): Refusal | undefined | Promise<Refusal | undefined> {
  for (let i = from; i < policies.length; i++) {
    const policy = policies[i] as CompiledPolicy;
    let result: ReturnType<CompiledPolicy['handler']>;
    try {
      result = policy.handler(ctx);
    } catch (error) {
      const refusal = policyFailure(policy, error, host);
      if (refusal) return refusal;
      continue;
    }
    if (result instanceof Promise)
      return result.then(
        (denial) => (denial ? ([policy.id, denial] as Refusal) : runPolicies(policies, ctx, host, i + 1)),
        (error: unknown) => policyFailure(policy, error, host) ?? runPolicies(policies, ctx, host, i + 1),
      );
    if (result) return [policy.id, result];
  }
  return undefined;
}

/**
 * Runs response handlers in order until one refuses; synchronous while they are. A handler that throws fails
 * closed (502: the upstream answered, but its answer may not be passed on) or open per its policy.
 */
function runResponsePolicies(
  policies: readonly CompiledResponsePolicy[],
  ctx: GatewayRequestContext,
  response: GatewayUpstreamResponse,
  host: RequestHandlerHost,
  from = 0,
): Refusal | undefined | Promise<Refusal | undefined> {
  for (let i = from; i < policies.length; i++) {
    const policy = policies[i] as CompiledResponsePolicy;
    let result: ReturnType<CompiledResponsePolicy['handler']>;
    try {
      result = policy.handler(ctx, response);
    } catch (error) {
      const refusal = responsePolicyFailure(policy, error, host);
      if (refusal) return refusal;
      continue;
    }
    if (result instanceof Promise)
      return result.then(
        (denial) =>
          denial
            ? ([policy.id, denial] as Refusal)
            : runResponsePolicies(policies, ctx, response, host, i + 1),
        (error: unknown) =>
          responsePolicyFailure(policy, error, host) ??
          runResponsePolicies(policies, ctx, response, host, i + 1),
      );
    if (result) return [policy.id, result];
  }
  return undefined;
}

function responsePolicyFailure(
  policy: CompiledResponsePolicy,
  error: unknown,
  host: RequestHandlerHost,
): Refusal | undefined {
  if (error instanceof DenialError) return [policy.id, error.denial];
  host.metrics.observePolicyError(policy.id);
  if (policy.failMode === 'open') return undefined;
  return [
    policy.id,
    {
      status: 502,
      detail: 'The upstream response could not be checked.',
      reason: `response policy failed closed: ${(error as Error)?.message ?? String(error)}`,
    },
  ];
}

/** A policy threw: a `DenialError` is its refusal; anything else fails closed (503) or open per the policy. */
function policyFailure(
  policy: CompiledPolicy,
  error: unknown,
  host: RequestHandlerHost,
): Refusal | undefined {
  if (error instanceof DenialError) return [policy.id, error.denial];
  host.metrics.observePolicyError(policy.id);
  if (policy.failMode === 'open') return undefined;
  return [
    policy.id,
    {
      status: 503,
      detail: 'A security check could not be completed; try again later.',
      reason: `policy failed closed: ${(error as Error)?.message ?? String(error)}`,
    },
  ];
}

/** The pool accepts an EventEmitter as abort signal; it is much cheaper per request than an AbortController. */
type ClientWatch = EventEmitter & { aborted: boolean };

/** An abort signal for the upstream request that fires when the client goes away before its response is complete. */
function watchClient(res: ServerResponse): ClientWatch {
  const abort = new EventEmitter() as ClientWatch;
  abort.aborted = false;
  res.once('close', () => {
    if (res.writableFinished) return;
    abort.aborted = true;
    abort.emit('abort');
  });
  return abort;
}

function tooLarge(config: CompiledGatewayConfig): Denial {
  const max = config.options.limits.maxBodyBytes;
  return {
    status: 413,
    detail: `The request body is larger than ${max} bytes.`,
    reason: `request body exceeds ${max} bytes`,
  };
}
