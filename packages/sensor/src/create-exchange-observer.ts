import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ApiEvent,
  type AuthMethod,
  type AuthOutcome,
  type BodySample,
  type Identity,
  isSecretName,
  REDACTED_TEXT,
  redactHeaders,
  redactUrl,
} from '@rampart/core';
import { redactBodyText } from './redact-body-text.js';
import { resolveClientIp } from './resolve-client-ip.js';

/** What the sensor records of each request. Compiled once by `createSensor`. */
export interface CaptureOptions {
  /** Keep a sample of request bodies (default `false`): the first `maxBodyBytes`, redacted. */
  readonly requestBodies?: boolean;
  /** Keep a sample of response bodies (default `false`). */
  readonly responseBodies?: boolean;
  /** Size of a body sample: default 4,096 bytes. Only textual bodies (JSON, text, XML, forms) are sampled. */
  readonly maxBodyBytes?: number;
  /** Proxies whose `X-Forwarded-For` is believed (exact addresses). Default: none, the socket peer is the client. */
  readonly trustedProxies?: readonly string[];
  /**
   * Who the caller is, from what the application knows (e.g. `req.user` after its authentication). Called when
   * the response ends. Default: a principal named after a fingerprint of the credential header, never the
   * credential itself, and never an unverified token claim (a forged `sub` must not get a victim blocked).
   */
  readonly identify?: (req: IncomingMessage) => Identity | undefined;
}

/** Per-request details an adapter knows better than the raw request (e.g. the matched route template). */
export interface ExchangeHooks {
  /** Called when the response ends: the route template that handled the request, if known. */
  readonly route?: () => string | undefined;
  /** Called when the response ends: the request target as received, when the framework rewrites `req.url`. */
  readonly target?: () => string | undefined;
}

/** Starts observing one request/response pair; calls `deliver` once with its event when the response ends. */
export type ExchangeObserver = (req: IncomingMessage, res: ServerResponse, hooks?: ExchangeHooks) => void;

const TEXTUAL = /json|text\/|xml|x-www-form-urlencoded|graphql|javascript/i;
const MAX_QUERY_PARAMS = 100;

/**
 * Compiles capture options into an observer. The observer never throws into the host application and never
 * changes what it sees: it counts and samples bytes by wrapping `req.push` (without putting the request stream
 * into flowing mode) and `res.write`/`res.end` (passing every argument through), and builds the event on
 * `finish` (or `close`, for a client that went away: status 499). Any failure is reported to `onError`.
 */
export function createExchangeObserver(
  options: CaptureOptions,
  origin: string,
  deliver: (event: ApiEvent) => void,
  onError: (error: unknown) => void,
): ExchangeObserver {
  const maxBody = options.maxBodyBytes ?? 4096;
  const sampleRequests = options.requestBodies === true;
  const sampleResponses = options.responseBodies === true;
  const trusted = new Set(options.trustedProxies ?? []);
  const identify = options.identify ?? defaultIdentity;

  return (req, res, hooks) => {
    try {
      const time = Date.now();
      const started = process.hrtime.bigint();
      const reqBody = new BodyCounter(sampleRequests ? maxBody : 0);
      const resBody = new BodyCounter(0);
      let resSampling: boolean | undefined;

      const push = req.push;
      req.push = function (this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
        try {
          if (chunk !== null && chunk !== undefined) reqBody.add(chunk, encoding);
        } catch (error) {
          onError(error);
        }
        return push.call(this, chunk, encoding);
      } as typeof req.push;

      const count = (chunk: unknown, encoding: unknown) => {
        try {
          if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
          if (resSampling === undefined) {
            resSampling = sampleResponses && TEXTUAL.test(String(res.getHeader('content-type') ?? ''));
            if (resSampling) resBody.limit = maxBody;
          }
          resBody.add(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined);
        } catch (error) {
          onError(error);
        }
      };
      const write = res.write;
      const end = res.end;
      res.write = function (this: ServerResponse, ...args: unknown[]) {
        count(args[0], args[1]);
        return (write as (...a: unknown[]) => boolean).apply(this, args);
      } as typeof res.write;
      res.end = function (this: ServerResponse, ...args: unknown[]) {
        count(args[0], args[1]);
        return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      } as typeof res.end;

      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        try {
          deliver(buildEvent());
        } catch (error) {
          onError(error);
        }
      };
      res.once('finish', finish);
      res.once('close', finish);

      const buildEvent = (): ApiEvent => {
        const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
        const rawUrl = hooks?.target?.() ?? req.url ?? '/';
        const { path, query } = splitTarget(rawUrl);
        const requestHeaders = redactHeaders(req.headers);
        const status = res.writableFinished ? res.statusCode : 499;
        const identity = identify(req);
        const route = hooks?.route?.();
        const reqType = headerText(req.headers['content-type']);
        const resType = headerText(res.getHeader('content-type'));
        const declared = Number(req.headers['content-length']);
        const requestSize = reqBody.size > 0 ? reqBody.size : Number.isFinite(declared) ? declared : 0;
        const requestBody =
          requestSize > 0
            ? reqBody.sample(reqType, sampleRequests && TEXTUAL.test(reqType ?? ''))
            : undefined;
        const responseBody = resBody.size > 0 ? resBody.sample(resType, resSampling === true) : undefined;
        const userAgent = headerText(req.headers['user-agent']);
        const host = headerText(req.headers.host);
        return {
          id: randomUUID(),
          time,
          origin,
          ...(host ? { host } : {}),
          method: (req.method ?? 'GET').toUpperCase(),
          rawPath: redactUrl(rawUrl),
          path,
          ...(route ? { route } : {}),
          status,
          latencyMs: Math.round(latencyMs * 1000) / 1000,
          requestSize,
          responseSize: resBody.size,
          clientIp: resolveClientIp(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trusted),
          ...(userAgent ? { userAgent } : {}),
          ...(identity ? { identity } : {}),
          auth: authOutcome(req, status),
          verdict: 'observe',
          requestHeaders,
          responseHeaders: redactHeaders(responseHeaders(res)),
          ...(query ? { query } : {}),
          ...(requestBody ? { requestBody } : {}),
          ...(responseBody ? { responseBody } : {}),
        };
      };
    } catch (error) {
      onError(error);
    }
  };
}

/** Counts the bytes of a body and keeps its first `limit` bytes. */
class BodyCounter {
  size = 0;
  limit: number;
  private readonly parts: Buffer[] = [];
  private kept = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(chunk: unknown, encoding: BufferEncoding | undefined): void {
    if (typeof chunk === 'string') {
      const bytes = Buffer.byteLength(chunk, encoding ?? 'utf8');
      if (this.kept < this.limit) this.keep(Buffer.from(chunk, encoding ?? 'utf8'));
      this.size += bytes;
    } else if (chunk instanceof Uint8Array) {
      if (this.kept < this.limit) this.keep(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.size += chunk.byteLength;
    }
  }

  private keep(bytes: Buffer): void {
    const room = this.limit - this.kept;
    const piece = bytes.length > room ? Buffer.from(bytes.subarray(0, room)) : Buffer.from(bytes);
    this.parts.push(piece);
    this.kept += piece.length;
  }

  sample(contentType: string | undefined, withText: boolean): BodySample {
    const base = {
      ...(contentType ? { contentType } : {}),
      truncated: withText ? this.kept < this.size : false,
      size: this.size,
    };
    if (!withText || this.kept === 0) return base;
    // A cut in the middle of a multi-byte character decodes to U+FFFD; drop it rather than store garbage.
    const text = Buffer.concat(this.parts)
      .toString('utf8')
      .replace(/\uFFFD+$/, '');
    return { ...base, text: redactBodyText(text, contentType) };
  }
}

function splitTarget(rawUrl: string): {
  path: string;
  query: Record<string, string | readonly string[]> | undefined;
} {
  const q = rawUrl.indexOf('?');
  let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  try {
    // Resolves dot segments and normalizes percent-encoding the way the application's router will.
    path = new URL(path, 'http://sensor.invalid').pathname;
  } catch {
    // keep the raw path: a malformed target is itself worth recording
  }
  if (q < 0) return { path, query: undefined };
  const query: Record<string, string | string[]> = {};
  let n = 0;
  for (const [name, value] of new URLSearchParams(rawUrl.slice(q + 1))) {
    if (++n > MAX_QUERY_PARAMS) break;
    const v = isSecretName(name) ? REDACTED_TEXT : value;
    const prev = query[name];
    query[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { path, query };
}

function responseHeaders(res: ServerResponse): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

function headerText(value: string | number | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function credentialOf(req: IncomingMessage): { value: string; method: AuthMethod } | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const scheme = authorization.slice(0, Math.max(0, authorization.indexOf(' '))).toLowerCase();
    const method: AuthMethod =
      scheme === 'basic'
        ? 'basic'
        : scheme === 'bearer'
          ? authorization.split('.').length === 3
            ? 'jwt'
            : 'introspection'
          : 'none';
    return { value: authorization, method };
  }
  const key = req.headers['x-api-key'] ?? req.headers['api-key'];
  if (key) return { value: String(key), method: 'api-key' };
  return undefined;
}

/** Authentication as far as a sensor can tell: a credential was sent, and the application did not answer 401. */
function authOutcome(req: IncomingMessage, status: number): AuthOutcome {
  if (credentialOf(req) === undefined) return status === 401 ? 'missing' : 'none';
  return status === 401 ? 'invalid' : 'success';
}

function defaultIdentity(req: IncomingMessage): Identity | undefined {
  const credential = credentialOf(req);
  if (credential === undefined) return undefined;
  const fingerprint = createHash('sha256').update(credential.value).digest('hex').slice(0, 16);
  return {
    subject: `credential:${fingerprint}`,
    method: credential.method,
    credentialFingerprint: fingerprint,
  };
}
