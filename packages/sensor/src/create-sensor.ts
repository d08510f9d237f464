import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ApiEvent, EventSink, Secret } from '@rampart/core';
import { isSecret } from '@rampart/core';
import {
  type CaptureOptions,
  createExchangeObserver,
  type ExchangeObserver,
} from './create-exchange-observer.js';
import { createSpool, type Spool } from './create-spool.js';
import { type SendResult, sendBatch } from './send-batch.js';

export interface SensorOptions {
  /** This sensor's name; its events have origin `sensor:<name>`. */
  readonly name: string;
  /** The collector endpoint, e.g. `https://rampart.internal:8443/v1/events`. */
  readonly collectorUrl: string;
  /** This sensor's token, sent as `Authorization: Bearer …`. */
  readonly token: Secret;
  /**
   * Keep batches on disk while the collector is away (and across restarts) and replay them when it is back.
   * Without a spool, undelivered batches wait in memory, within `maxQueue`.
   */
  readonly spool?: {
    readonly dir: string;
    /** Upper bound of the spool file: default 64 MiB. Batches beyond it are dropped and counted. */
    readonly maxBytes?: number;
  };
  readonly batch?: {
    /** Send as soon as this many events wait: default 500. */
    readonly maxEvents?: number;
    /** Send whatever waits at least this often: default 1,000 ms. */
    readonly intervalMs?: number;
  };
  /** Events held in memory at most; beyond it new events are dropped and counted. Default 10,000. */
  readonly maxQueue?: number;
  /** One delivery attempt's deadline: default 10,000 ms. */
  readonly requestTimeoutMs?: number;
  /** Backoff between attempts while the collector is away (doubling, with jitter; `Retry-After` wins). */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  readonly capture?: CaptureOptions;
  /** Told about every swallowed error (for the application's own logs). Must not throw; if it does, ignored. */
  readonly onError?: (error: unknown) => void;
}

/** Counters since the sensor started. */
export interface SensorStats {
  /** Events accepted into the queue. */
  readonly captured: number;
  /** Events waiting in memory now. */
  readonly queued: number;
  /** Events the collector stored. */
  readonly delivered: number;
  /** Events the collector refused as malformed (207), or whose batch it refused for good (401, 413, …). */
  readonly refused: number;
  /** Events lost: the memory queue or the spool was full, or close() ran out of time without a spool. */
  readonly dropped: number;
  /** Events written to the spool, and of those, delivered from it later. */
  readonly spooled: number;
  readonly replayed: number;
  /** Delivery attempts that will be retried. */
  readonly retries: number;
  /** Errors swallowed to protect the host application. */
  readonly errors: number;
  /** Bytes in the spool not yet delivered. */
  readonly spoolBytes: number;
}

/** A sensor: observes requests, and ships their events to a collector without ever getting in the way. */
export interface Sensor extends EventSink {
  readonly name: string;
  /** Starts observing one request/response; framework adapters call it (see `createExpressMiddleware`). */
  readonly observe: ExchangeObserver;
  /** Queues one event. Never throws, never blocks: a full queue drops the event and counts it. */
  emit(event: ApiEvent): void;
  /** Tries to deliver everything queued now; resolves when delivered, spooled, or the collector is away. */
  flush(): Promise<void>;
  /**
   * Stops the sensor: delivers what it can within `timeoutMs` (default 5,000), spools the rest (or counts it
   * dropped without a spool); `stats()` then has the final counters. Never rejects.
   */
  close(options?: { readonly timeoutMs?: number }): Promise<void>;
  stats(): SensorStats;
}

/**
 * Creates a sensor. Capture runs in the request path but does only bookkeeping there; everything that can be
 * slow (gzip, network, disk) happens off it, in one delivery loop that sends batches in order: spooled ones
 * first, then the memory queue. Misuse (a missing URL or token) throws `TypeError` here, at start-up; after
 * that nothing the sensor does throws into the application.
 */
export function createSensor(options: SensorOptions): Sensor {
  checkOptions(options);
  const batchMax = options.batch?.maxEvents ?? 500;
  const intervalMs = options.batch?.intervalMs ?? 1000;
  const maxQueue = options.maxQueue ?? 10_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const initialDelay = options.retry?.initialDelayMs ?? 1000;
  const maxDelay = options.retry?.maxDelayMs ?? 60_000;

  const counters = {
    captured: 0,
    delivered: 0,
    refused: 0,
    dropped: 0,
    spooled: 0,
    replayed: 0,
    retries: 0,
    errors: 0,
  };
  const report = (error: unknown) => {
    counters.errors += 1;
    try {
      options.onError?.(error);
    } catch {
      // the application's error hook failed; nothing more to do without risking the application
    }
  };

  let spool: Spool | undefined;
  const spoolReady: Promise<Spool | undefined> = options.spool
    ? createSpool(options.spool.dir, options.spool.maxBytes ?? 64 * 1024 * 1024).then(
        (s) => {
          spool = s;
          return s;
        },
        (error: unknown) => {
          report(error);
          return undefined;
        },
      )
    : Promise.resolve(undefined);

  let queue: ApiEvent[] = [];
  let pumping: Promise<void> | undefined;
  let retryAt = 0;
  let delay = initialDelay;
  let wake: NodeJS.Timeout | undefined;
  let closing = false;
  let closed = false;
  const stop = new AbortController();
  const collectorUrl = new URL(options.collectorUrl);
  // One keep-alive connection is enough: batches are sent one at a time. Idle sockets do not hold the process.
  const agent =
    collectorUrl.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true, maxSockets: 1 })
      : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const tick = setInterval(() => kick(), intervalMs);
  tick.unref();

  function emit(event: ApiEvent): void {
    try {
      if (closed || queue.length >= maxQueue) {
        counters.dropped += 1;
        return;
      }
      queue.push(event);
      counters.captured += 1;
      // While the collector is away, the wake-up timer resumes delivery; no need to start the loop per event.
      if (queue.length >= batchMax && Date.now() >= retryAt) kick();
    } catch (error) {
      report(error);
    }
  }

  function kick(): Promise<void> {
    pumping ??= pump()
      .catch(report)
      .finally(() => {
        pumping = undefined;
      });
    return pumping;
  }

  async function send(events: readonly ApiEvent[]): Promise<SendResult> {
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]);
    return sendBatch(collectorUrl, options.token, events, signal, agent);
  }

  function backOff(result: Extract<SendResult, { kind: 'retry' }>): void {
    counters.retries += 1;
    const wait = result.retryAfterMs ?? delay * (0.5 + Math.random() / 2);
    retryAt = Date.now() + Math.min(wait, maxDelay);
    delay = Math.min(delay * 2, maxDelay);
  }

  function delivered(events: readonly ApiEvent[], result: Extract<SendResult, { kind: 'accepted' }>): void {
    counters.delivered += events.length - result.rejected;
    counters.refused += result.rejected;
    delay = initialDelay;
    retryAt = 0;
  }

  /** Moves queued events to the spool in batches, keeping fewer than `keep` in memory. */
  async function spill(s: Spool, keep: number): Promise<void> {
    while (queue.length >= keep && queue.length > 0) {
      const batch = queue.splice(0, batchMax);
      try {
        if (await s.append(batch)) counters.spooled += batch.length;
        else counters.dropped += batch.length;
      } catch (error) {
        counters.dropped += batch.length;
        report(error);
      }
    }
  }

  async function pump(): Promise<void> {
    const s = await spoolReady;
    for (;;) {
      if (Date.now() < retryAt) {
        // The collector is away: bound memory by moving full batches (everything, when closing) to disk.
        if (s) await spill(s, closing ? 1 : batchMax);
        if (!closing && wake === undefined) {
          wake = setTimeout(
            () => {
              wake = undefined;
              kick();
            },
            Math.max(1, retryAt - Date.now()),
          );
          wake.unref();
        }
        return;
      }
      const spooled = s ? await s.peek() : undefined;
      if (spooled) {
        // Keep order while replaying: new full batches queue up behind the spooled ones, on disk.
        if (s) await spill(s, batchMax);
        const result = await send(spooled.events);
        if (result.kind === 'retry') {
          backOff(result);
          continue;
        }
        if (result.kind === 'accepted') {
          delivered(spooled.events, result);
          counters.replayed += spooled.events.length;
        } else {
          counters.refused += spooled.events.length;
          report(new Error(`sensor ${options.name}: ${result.reason}`));
        }
        await spooled.commit();
        continue;
      }
      if (queue.length === 0) return;
      const batch = queue.splice(0, batchMax);
      const result = await send(batch);
      if (result.kind === 'accepted') {
        delivered(batch, result);
      } else if (result.kind === 'refused') {
        counters.refused += batch.length;
        report(new Error(`sensor ${options.name}: ${result.reason}`));
      } else {
        backOff(result);
        if (s) {
          queue.unshift(...batch);
          await spill(s, 1);
        } else {
          const room = Math.max(0, maxQueue - queue.length);
          queue.unshift(...batch.slice(0, room));
          counters.dropped += batch.length - Math.min(room, batch.length);
        }
      }
    }
  }

  function stats(): SensorStats {
    return { ...counters, queued: queue.length, spoolBytes: spool?.pendingBytes() ?? 0 };
  }

  const observe = createExchangeObserver(options.capture ?? {}, `sensor:${options.name}`, emit, report);

  return {
    name: options.name,
    observe,
    emit,
    async flush() {
      try {
        while (!closed) {
          await kick();
          if (queue.length === 0 || Date.now() < retryAt) return;
        }
      } catch (error) {
        report(error);
      }
    },
    stats,
    async close(closeOptions = {}) {
      if (closed || closing) {
        await pumping;
        return;
      }
      closing = true;
      clearInterval(tick);
      if (wake !== undefined) clearTimeout(wake);
      const deadline = setTimeout(() => stop.abort(), closeOptions.timeoutMs ?? 5000);
      try {
        for (;;) {
          await kick();
          const pendingSpool = spool !== undefined && spool.pendingBytes() > 0;
          if ((queue.length === 0 && !pendingSpool) || Date.now() < retryAt || stop.signal.aborted) break;
        }
        await pumping;
        const s = await spoolReady;
        if (s) await spill(s, 1);
        counters.dropped += queue.length;
        queue = [];
      } catch (error) {
        report(error);
      } finally {
        clearTimeout(deadline);
        agent.destroy();
        closed = true;
      }
    },
  };
}

function checkOptions(options: SensorOptions): void {
  if (typeof options?.name !== 'string' || !/^[\w.-]{1,64}$/.test(options.name)) {
    throw new TypeError(
      `sensor name must be 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(options?.name)}`,
    );
  }
  let url: URL;
  try {
    url = new URL(options.collectorUrl);
  } catch {
    throw new TypeError(
      `sensor collectorUrl must be an absolute http(s) URL, got ${JSON.stringify(options.collectorUrl)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `sensor collectorUrl must be an absolute http(s) URL, got ${JSON.stringify(options.collectorUrl)}`,
    );
  }
  if (!isSecret(options.token) || options.token.reveal() === '') {
    throw new TypeError(
      'sensor token must be a non-empty Secret (new Secret(process.env.RAMPART_SENSOR_TOKEN))',
    );
  }
  for (const [name, value] of [
    ['batch.maxEvents', options.batch?.maxEvents],
    ['batch.intervalMs', options.batch?.intervalMs],
    ['maxQueue', options.maxQueue],
    ['requestTimeoutMs', options.requestTimeoutMs],
    ['spool.maxBytes', options.spool?.maxBytes],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`sensor ${name} must be a positive number, got ${value}`);
    }
  }
}
