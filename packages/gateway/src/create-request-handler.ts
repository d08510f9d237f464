import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { TLSSocket } from 'node:tls';
import type { ApiEvent } from '@rampart/core';
import type { Dispatcher } from 'undici';
import { buildApiEvent } from './build-api-event.js';
import { buildResponseHeaders } from './build-response-headers.js';
import { buildUpstreamHeaders } from './build-upstream-headers.js';
import { checkRequestFraming } from './check-request-framing.js';
import { createHeaderRedactor } from './create-header-redactor.js';
import { classifyUpstreamError } from './classify-upstream-error.js';
import { ClientStreamHandler } from './client-stream-handler.js';
import type {
  CompiledGatewayConfig,
  CompiledPolicy,
  CompiledResponsePolicy,
} from './compile-gateway-config.js';
import { GatewayRequestContext } from './create-request-context.js';
import type { Upstream } from './create-upstream-set.js';
import type { GatewayMetrics } from './create-metrics.js';
import type { Denial } from './define-policy.js';
import { DenialError } from './denial-error.js';
import { GatewayUpstreamResponse } from './gateway-upstream-response.js';
import { normalizePath } from './normalize-path.js';
import { parserFailures } from './parser-failures.js';
import { readClientCertificate } from './read-client-certificate.js';
import { type ClientAddress, resolveClientAddress } from './resolve-client-address.js';
import { sendProblem } from './send-problem.js';
import { stripUntrustedHeaders } from './strip-untrusted-headers.js';

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
}

/** RFC 9110 §9.2.2. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

interface Outcome {
  verdict: 'allow' | 'deny' | 'observe';
  deniedBy: { policy: string; reason: string } | undefined;
  responseBytes: number;
  /** Status to report when the response could not be completed (e.g. upstream broke mid-body). */
  status: number | undefined;
}

/**
 * The gateway's request listener: framing checks, early policies (accept, limits), path normalization, the
 * remaining policies in stage order, forwarding with undici, and one `ApiEvent` per request when the response
 * is over, whatever happened. Each request runs on the configuration current when it arrived.
 */
export function createRequestHandler(
  host: RequestHandlerHost,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Connections the gateway decided to close after a refusal. Requests pipelined behind the refused one were
  // parsed before the close, but their framing is suspect and their answers could not be delivered: they are
  // never processed or forwarded.
  const doomed = new WeakSet<object>();
  const redactHeaders = createHeaderRedactor();
  return (req, res) => {
    if (doomed.has(req.socket)) return;
    const config = host.current();
    config.inFlight++;
    const start = performance.now();
    const time = Date.now();
    const id = randomUUID();
    const options = config.options;
    const socket = req.socket as TLSSocket;
    const secure = socket.encrypted === true;
    const address = resolveClientAddress(req.headers, socket.remoteAddress, secure, config.trusted);
    const ctx = new GatewayRequestContext({
      id,
      req,
      headers: stripUntrustedHeaders(req.headers, address.trustedPeer),
      clientIp: address.clientIp,
      secure,
      clientCertificate: secure && options.tls?.clientCertificate ? readClientCertificate(socket) : undefined,
      maxBodyBytes: options.limits.maxBodyBytes,
      maxJsonDepth: options.limits.maxJsonDepth,
    });
    const outcome: Outcome = { verdict: 'allow', deniedBy: undefined, responseBytes: 0, status: undefined };

    res.once('close', () => {
      const latencyMs = performance.now() - start;
      const parserFailure = res.writableFinished ? undefined : parserFailures.get(req.socket);
      if (parserFailure) {
        outcome.verdict = 'deny';
        outcome.deniedBy = { policy: 'http-parser', reason: parserFailure.reason };
      } else if (outcome.verdict === 'allow' && ctx.observed) {
        outcome.verdict = 'observe';
        outcome.deniedBy = ctx.observed;
      }
      const status = res.writableFinished ? res.statusCode : (parserFailure?.status ?? outcome.status ?? 499);
      host.metrics.observeRequest(
        ctx.route ?? 'unmatched',
        ctx.method,
        status,
        outcome.verdict,
        latencyMs / 1000,
      );
      try {
        host.emit(
          buildApiEvent(
            {
              id,
              time,
              method: ctx.method,
              rawUrl: ctx.rawUrl,
              path: ctx.path,
              route: ctx.route,
              operationId: ctx.operation?.operationId,
              status,
              latencyMs,
              requestSize: ctx.bodyBytes,
              responseSize: outcome.responseBytes,
              clientIp: ctx.clientIp,
              identity: ctx.identity,
              auth: ctx.auth,
              verdict: outcome.verdict,
              deniedBy: outcome.deniedBy,
              requestHeaders: req.headers,
              responseHeaders: res.getHeaders(),
            },
            redactHeaders,
          ),
        );
      } catch (error) {
        host.warn(
          `gateway: building or emitting the event of request ${id} failed: ${(error as Error).message}`,
        );
      }
      host.finished(config);
    });

    handle(ctx, req, res, config, address, outcome, host, doomed).catch((error: unknown) => {
      host.warn(`gateway: request ${id} failed internally: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        outcome.responseBytes = sendProblem(
          res,
          { status: 500, detail: 'The gateway failed to handle the request.', reason: 'internal error' },
          id,
          responseExtras(ctx, config),
          true,
        );
      } else res.destroy();
    });
  };
}

function responseExtras(ctx: GatewayRequestContext, config: CompiledGatewayConfig): [string, string][] {
  return [...config.staticHeaders, ['x-request-id', ctx.id], ...ctx.responseHeaders] as [string, string][];
}

async function handle(
  ctx: GatewayRequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  config: CompiledGatewayConfig,
  address: ClientAddress,
  outcome: Outcome,
  host: RequestHandlerHost,
  doomed: WeakSet<object>,
): Promise<void> {
  const deny = (policy: string, denial: Denial): void => {
    outcome.verdict = 'deny';
    outcome.deniedBy = { policy, reason: denial.reason };
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    // An unread body would be drained by Node to keep the connection alive: close it instead. After a malformed
    // (400) or oversized (413) request the framing of what follows cannot be trusted either (RFC 9112 §11.2).
    const close =
      host.isClosing() || denial.status === 400 || denial.status === 413 || (ctx.hasBody && !req.complete);
    if (close) doomed.add(req.socket);
    outcome.responseBytes = sendProblem(res, denial, ctx.id, responseExtras(ctx, config), close);
  };

  const framing = checkRequestFraming(req);
  if (framing) return deny('http-framing', framing);

  // Synchronous policies are run without yielding, so that a refusal of a pipelined request is decided before
  // Node parses the next request on the connection.
  let refused = runPolicies(config.early, ctx, host);
  if (refused instanceof Promise) refused = await refused;
  if (refused) return deny(refused[0], refused[1]);

  const normalized = normalizePath(ctx.rawUrl, { caseInsensitive: config.options.routing.caseInsensitive });
  if (!normalized.ok)
    return deny('path-normalization', {
      status: 400,
      detail: 'The request path is malformed.',
      reason: normalized.reason,
    });
  ctx.path = normalized.path;
  ctx.query = normalized.query;

  refused = runPolicies(config.late, ctx, host);
  if (refused instanceof Promise) refused = await refused;
  if (refused) return deny(refused[0], refused[1]);

  await forward(ctx, req, res, config, address, outcome, host, deny);
}

type Refusal = [policy: string, denial: Denial];

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

async function forward(
  ctx: GatewayRequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  config: CompiledGatewayConfig,
  address: ClientAddress,
  outcome: Outcome,
  host: RequestHandlerHost,
  deny: (policy: string, denial: Denial) => void,
): Promise<void> {
  const { proxy } = config.options;
  const body = ctx.bodyForUpstream();
  const replayable = body === null || Buffer.isBuffer(body);
  const retryable = IDEMPOTENT.has(ctx.method) && replayable;
  // Without response policies the upstream response is streamed straight into `res` (undici dispatch); with them
  // it is received as a stream the policies can read first (undici request).
  const inspect = config.response.length > 0;
  const abort = inspect ? watchClient(res) : undefined;
  const target = ctx.query === '' ? ctx.path : `${ctx.path}?${ctx.query}`;
  let tried: Set<Upstream> | undefined;

  for (let attempt = 0; ; attempt++) {
    const upstream = config.upstreams.pick(tried);
    if (!upstream)
      return deny('forward', {
        status: 502,
        detail: 'The upstream service is unavailable.',
        reason: 'no upstream left to try',
      });
    const headers = buildUpstreamHeaders(ctx.headers, {
      address,
      secure: ctx.secure,
      host: proxy.preserveHost && req.headers.host ? req.headers.host : upstream.host,
      requestId: ctx.id,
      bufferedLength: ctx.bufferedBody?.length,
    });
    if (ctx.wantsResponseBody) headers['accept-encoding'] = 'identity';
    const options = {
      method: ctx.method as Dispatcher.HttpMethod,
      path: upstream.basePath + target,
      headers,
      // undici streams async iterables; its typings only list Readable.
      body: body as Buffer | null,
    };
    let error: unknown;
    let clientGone: boolean;
    let response: Dispatcher.ResponseData | undefined;
    if (!abort) {
      outcome.responseBytes = 0;
      const streamed = new ClientStreamHandler(res, responseExtras(ctx, config), host, outcome);
      upstream.pool.dispatch(options, streamed);
      const result = await streamed.done;
      if (result.started || result.invalidHeader) config.upstreams.reportSuccess(upstream);
      if (result.invalidHeader)
        return sendUpstreamProblem(
          res,
          ctx,
          config,
          outcome,
          host,
          502,
          `${upstream.origin}: invalid response header`,
        );
      if (result.started) {
        if (result.error) {
          // The upstream broke off mid-body: the client sees a truncated response, never a silent short one.
          if (!streamed.clientGone) {
            outcome.status = 502;
            host.metrics.observeUpstreamError(upstream.origin, classifyUpstreamError(result.error));
          }
          res.destroy();
        }
        return;
      }
      error = result.error;
      clientGone = streamed.clientGone;
    } else {
      try {
        response = await upstream.pool.request({ ...options, signal: abort });
      } catch (caught) {
        error = caught;
      }
      clientGone = abort.aborted;
    }
    if (!response) {
      if (ctx.bodyTooLarge || error instanceof DenialError)
        return deny('limits', error instanceof DenialError ? error.denial : tooLarge(config));
      if (clientGone || res.destroyed) return; // the client went away: reported as 499
      const kind = classifyUpstreamError(error);
      host.metrics.observeUpstreamError(upstream.origin, kind);
      if (kind === 'connect') config.upstreams.reportFailure(upstream);
      if (kind === 'connect' && retryable && attempt < proxy.retries) {
        tried ??= new Set();
        tried.add(upstream);
        continue;
      }
      const code = (error as { code?: string } | undefined)?.code ?? (error as Error | undefined)?.name;
      outcome.verdict = 'allow';
      return sendUpstreamProblem(
        res,
        ctx,
        config,
        outcome,
        host,
        kind === 'timeout' ? 504 : 502,
        `${upstream.origin}: ${code}`,
      );
    }
    config.upstreams.reportSuccess(upstream);
    return passInspected(ctx, res, config, upstream, response, abort as ClientWatch, outcome, host, deny);
  }
}

/** undici accepts an EventEmitter as abort signal; it is much cheaper per request than an AbortController. */
type ClientWatch = EventEmitter & { aborted: boolean };

/** An abort signal for undici that fires when the client goes away before its response is complete. */
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

/** Runs the response policies on the upstream's response, then sends it (possibly replaced) or their refusal. */
async function passInspected(
  ctx: GatewayRequestContext,
  res: ServerResponse,
  config: CompiledGatewayConfig,
  upstream: Upstream,
  response: Dispatcher.ResponseData,
  abort: ClientWatch,
  outcome: Outcome,
  host: RequestHandlerHost,
  deny: (policy: string, denial: Denial) => void,
): Promise<void> {
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
    return sendUpstreamProblem(res, ctx, config, outcome, host, 502, `${upstream.origin}: body read failed`);
  }
  if (refused) {
    inspected.discard();
    return deny(refused[0], refused[1]);
  }
  const extras = responseExtras(ctx, config);
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
  } catch {
    response.body.destroy();
    return sendUpstreamProblem(
      res,
      ctx,
      config,
      outcome,
      host,
      502,
      `${upstream.origin}: invalid response header`,
    );
  }
  if (complete) {
    outcome.responseBytes = ctx.method === 'HEAD' ? 0 : complete.length;
    res.end(ctx.method === 'HEAD' ? undefined : complete);
    return;
  }
  const responseBody = inspected.touched ? inspected.streamBody() : response.body;
  responseBody.on('data', (chunk: Buffer) => {
    outcome.responseBytes += chunk.length;
  });
  try {
    await pipeline(responseBody, res);
  } catch (error) {
    if (!abort.aborted) {
      // The upstream broke off mid-body: the client sees a truncated response, never a silent short one.
      outcome.status = 502;
      host.metrics.observeUpstreamError(upstream.origin, classifyUpstreamError(error));
    }
    res.destroy();
  }
}

function sendUpstreamProblem(
  res: ServerResponse,
  ctx: GatewayRequestContext,
  config: CompiledGatewayConfig,
  outcome: Outcome,
  host: RequestHandlerHost,
  status: 502 | 504,
  reason: string,
): void {
  if (res.headersSent || res.destroyed) return void res.destroy();
  outcome.responseBytes = sendProblem(
    res,
    {
      status,
      detail:
        status === 504
          ? 'The upstream service did not answer in time.'
          : 'The upstream service is unavailable.',
      reason,
    },
    ctx.id,
    responseExtras(ctx, config),
    host.isClosing() || (ctx.hasBody && !ctx.bufferedBody && !res.req.complete),
  );
}

function tooLarge(config: CompiledGatewayConfig): Denial {
  const max = config.options.limits.maxBodyBytes;
  return {
    status: 413,
    detail: `The request body is larger than ${max} bytes.`,
    reason: `request body exceeds ${max} bytes`,
  };
}
