import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type ApiEvent, type EventSink, redactHeaders, redactUrl } from '@rampart/core';
import { createEventClassifier, type EventClassifierOptions } from '../classify/create-event-classifier.js';
import { hashSensorToken } from './hash-sensor-token.js';
import { validateApiEvent } from './validate-api-event.js';

const gunzipAsync = promisify(gunzip);

export interface CollectorOptions {
  /**
   * Where accepted batches go. A function is awaited; an `EventSink` gets every event by `emit` and is then
   * awaited on `flush()`. The collector answers 2xx only after that resolves, so the sink decides durability
   * (e.g. `(events) => store.saveEvents(events)` resolves once the batch is committed).
   */
  readonly sink: EventSink | ((events: readonly ApiEvent[]) => Promise<void>);
  /**
   * Which sensors may post: SHA-256 hex of each token (see `hashSensorToken`) → sensor name, compared in constant
   * time; or a function that returns the sensor name for a valid token.
   */
  readonly tokens:
    | ReadonlyMap<string, string>
    | ((token: string) => string | undefined | Promise<string | undefined>);
  /** Largest request body as sent (compressed or not): default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Largest body once decompressed, the bound on gzip bombs: default 16 MiB. */
  readonly maxDecompressedBytes?: number;
  /** Most events in one batch: default 5,000. */
  readonly maxEventsPerBatch?: number;
  /** Events handed to the sink and not yet acknowledged; above it batches are refused with 429. Default 50,000. */
  readonly maxPending?: number;
  /** `Retry-After` seconds when overloaded or the sink failed: default 2. */
  readonly retryAfterSeconds?: number;
  /** An extra rule: return a reason to reject an event that passed the built-in checks. */
  readonly validate?: (event: ApiEvent) => string | undefined;
  /**
   * Classify each accepted event's sensitive data (`createEventClassifier`): `dataClasses` and `dataLocations`
   * are set before the sink sees it, so they survive a store that drops body samples. Default true (the
   * classifier's defaults: bodies of each endpoint's first 32 calls, then 5%, their first 16 KiB); options to
   * sample or bound it otherwise; false to store events as sent.
   */
  readonly classify?: boolean | EventClassifierOptions;
  /** The endpoint's path: default `/v1/events`. */
  readonly path?: string;
  /** Told about sink failures and internal errors (the response only says "try again"). */
  readonly onError?: (error: unknown) => void;
}

export interface CollectorStats {
  readonly batchesAccepted: number;
  readonly eventsAccepted: number;
  readonly eventsRejected: number;
  /** Batches refused with 429 because `maxPending` was reached. */
  readonly overloaded: number;
  readonly unauthorized: number;
  /** Batches refused with 503 because the sink failed. */
  readonly sinkFailures: number;
  /** Events handed to the sink and not yet acknowledged. */
  readonly pending: number;
}

/** A `node:http` request handler for the collector endpoint, with its counters. */
export interface Collector {
  (req: IncomingMessage, res: ServerResponse): void;
  stats(): CollectorStats;
}

/** One rejected event of a batch: its index in the batch and why. */
export interface RejectedEvent {
  readonly index: number;
  readonly reason: string;
}

/**
 * The collector endpoint, `POST /v1/events`: sensors post batches (`{"events": [...]}` or a bare array, JSON or
 * gzip JSON) with `Authorization: Bearer <sensor token>`.
 *
 * - 200 `{accepted, rejected: []}`: every event stored. 207: some were malformed; `rejected` lists `{index,
 *   reason}` and the rest were stored (resending the malformed ones would not help). 400: none was valid, or
 *   the body is not JSON.
 * - 429 with `Retry-After` when more than `maxPending` events would be waiting for the sink; 503 with
 *   `Retry-After` when the sink failed. In both cases nothing of the batch was accepted, so a sensor that
 *   retries loses nothing, and an accepted event is never lost: 2xx comes only after the sink resolved.
 * - 401 for a missing or unknown token, 413 for a body or batch over the limits (a gzip bomb stops at
 *   `maxDecompressedBytes`), 415 for another content type or encoding, 404/405 elsewhere.
 *
 * Accepted events keep only the known `ApiEvent` fields, get `origin: sensor:<name>` from the token (a sensor
 * cannot pose as the gateway), are redacted again (headers, query), and are classified (`dataClasses`,
 * `dataLocations`) before reaching the sink.
 */
export function createCollector(options: CollectorOptions): Collector {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxInflated = options.maxDecompressedBytes ?? 16 * 1024 * 1024;
  const maxEvents = options.maxEventsPerBatch ?? 5000;
  const maxPending = options.maxPending ?? 50_000;
  const retryAfter = String(options.retryAfterSeconds ?? 2);
  const endpoint = options.path ?? '/v1/events';
  const verify = compileVerifier(options.tokens);
  const deliver = compileSink(options.sink);
  const classify =
    options.classify === false
      ? undefined
      : createEventClassifier(options.classify === true ? {} : (options.classify ?? {}));
  const counters = {
    batchesAccepted: 0,
    eventsAccepted: 0,
    eventsRejected: 0,
    overloaded: 0,
    unauthorized: 0,
    sinkFailures: 0,
  };
  let pending = 0;

  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // a failing error hook must not take the collector down
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== endpoint)
      return answer(req, res, 404, { error: `no such endpoint; events go to POST ${endpoint}` });
    if (req.method !== 'POST') {
      return answer(req, res, 405, { error: `use POST for ${endpoint}` }, { allow: 'POST' });
    }
    const header = req.headers.authorization ?? '';
    const token = /^Bearer ([^\s]+)$/i.exec(header)?.[1];
    const sensor = token === undefined ? undefined : await verify(token);
    if (sensor === undefined) {
      counters.unauthorized += 1;
      return answer(
        req,
        res,
        401,
        { error: 'a valid sensor token is required (Authorization: Bearer <token>)' },
        {
          'www-authenticate': 'Bearer realm="rampart-collector"',
        },
      );
    }
    if (pending >= maxPending) return overloaded(req, res);
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
      return answer(req, res, 415, {
        error: `content-encoding ${encoding} is not supported; use gzip or none`,
      });
    }
    if (!/\bjson\b/i.test(req.headers['content-type'] ?? '')) {
      return answer(req, res, 415, { error: 'content-type must be application/json' });
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) {
      return answer(req, res, 413, { error: `body of ${declared} bytes is over the ${maxBody}-byte limit` });
    }
    const raw = await readBody(req, maxBody);
    if (raw === undefined) return answer(req, res, 413, { error: `body is over the ${maxBody}-byte limit` });
    let body: Buffer = raw;
    if (encoding !== 'identity') {
      try {
        body = await gunzipAsync(raw, { maxOutputLength: maxInflated });
      } catch (error) {
        const tooBig =
          (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
        return tooBig
          ? answer(req, res, 413, { error: `decompressed body is over the ${maxInflated}-byte limit` })
          : answer(req, res, 400, { error: 'body is not valid gzip' });
      }
    }
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(req, res, 400, { error: 'body is not valid JSON' });
    }
    const list = Array.isArray(doc) ? doc : (doc as { events?: unknown } | null)?.events;
    if (!Array.isArray(list))
      return answer(req, res, 400, { error: 'body must be {"events": [...]} or an array' });
    if (list.length > maxEvents) {
      return answer(req, res, 413, {
        error: `batch of ${list.length} events is over the ${maxEvents}-event limit`,
      });
    }

    const accepted: ApiEvent[] = [];
    const rejected: RejectedEvent[] = [];
    const now = Date.now();
    const origin = `sensor:${sensor}`;
    for (const [index, value] of list.entries()) {
      const checked = validateApiEvent(value, now);
      if (!checked.ok) {
        rejected.push({ index, reason: checked.reason });
        continue;
      }
      let extra: string | undefined;
      try {
        extra = options.validate?.(checked.event);
      } catch (error) {
        extra = `validation failed: ${(error as Error).message}`;
      }
      if (extra !== undefined) {
        rejected.push({ index, reason: extra });
        continue;
      }
      const e = checked.event;
      const event: ApiEvent = {
        ...e,
        origin,
        rawPath: redactUrl(e.rawPath),
        requestHeaders: redactHeaders(e.requestHeaders),
        responseHeaders: redactHeaders(e.responseHeaders),
      };
      accepted.push(classify === undefined ? event : classify(event));
    }

    // Checked again now that the batch size is known: all of the batch is taken, or none of it.
    if (accepted.length > 0 && pending + accepted.length > maxPending) return overloaded(req, res);
    if (accepted.length > 0) {
      pending += accepted.length;
      try {
        await deliver(accepted);
      } catch (error) {
        counters.sinkFailures += 1;
        report(error);
        return answer(
          req,
          res,
          503,
          { error: 'events could not be stored; retry later' },
          { 'retry-after': retryAfter },
        );
      } finally {
        pending -= accepted.length;
      }
    }
    counters.eventsAccepted += accepted.length;
    counters.eventsRejected += rejected.length;
    if (accepted.length > 0) counters.batchesAccepted += 1;
    const status = rejected.length === 0 ? 200 : accepted.length > 0 ? 207 : 400;
    return answer(req, res, status, { accepted: accepted.length, rejected });
  }

  function overloaded(req: IncomingMessage, res: ServerResponse): void {
    counters.overloaded += 1;
    answer(
      req,
      res,
      429,
      { error: 'collector is overloaded; retry after the given delay' },
      { 'retry-after': retryAfter },
    );
  }

  const collector = ((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      report(error);
      if (!res.headersSent) answer(req, res, 500, { error: 'internal error; retry later' });
      else res.destroy();
    });
  }) as Collector;
  collector.stats = () => ({ ...counters, pending });
  return collector;
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  const unread = !req.complete;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // A body left unread is not worth reading just to keep the connection: close it after answering.
    ...(unread ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
  if (unread) req.resume();
}

/** Reads the whole body, or `undefined` (and stops reading) as soon as it exceeds `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.off('end', onEnd);
        resolve(undefined);
        return;
      }
      parts.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(parts, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

function compileVerifier(tokens: CollectorOptions['tokens']): (token: string) => Promise<string | undefined> {
  if (typeof tokens === 'function') {
    return async (token) => {
      const name = await tokens(token);
      return typeof name === 'string' && name !== '' ? name : undefined;
    };
  }
  const known = [...tokens].map(([hash, name]) => {
    if (!/^[0-9a-f]{64}$/i.test(hash)) {
      throw new TypeError(
        `collector tokens must be keyed by SHA-256 hex (hashSensorToken), got a key of ${hash.length} characters`,
      );
    }
    return { hash: Buffer.from(hash, 'hex'), name };
  });
  return async (token) => {
    const presented = Buffer.from(hashSensorToken(token), 'hex');
    // Compare against every known hash, without stopping at a match, so timing says nothing about which matched.
    let match: string | undefined;
    for (const k of known) if (timingSafeEqual(k.hash, presented) && match === undefined) match = k.name;
    return match;
  };
}

function compileSink(sink: CollectorOptions['sink']): (events: readonly ApiEvent[]) => Promise<void> {
  if (typeof sink === 'function') return sink;
  return async (events) => {
    for (const e of events) sink.emit(e);
    await sink.flush?.();
  };
}
