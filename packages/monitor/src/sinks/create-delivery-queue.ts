import { setTimeout as sleep } from 'node:timers/promises';

/** A bounded queue drained by one worker that retries each item with exponential backoff. */
export interface DeliveryQueue<T> {
  /** Queues an item; false (and counted as dropped) when the queue is full or closed. Never blocks. */
  push(item: T): boolean;
  /** Resolves when the queue is empty and nothing is in flight. */
  drain(): Promise<void>;
  /** Stops accepting items; resolves once what is queued was delivered or given up on. */
  close(): Promise<void>;
  stats(): { sent: number; failed: number; dropped: number; queued: number };
}

export interface DeliveryQueueOptions<T> {
  /** Most items waiting. Default 1000. */
  readonly maxQueue?: number;
  /** Retries after the first attempt. Default 3. */
  readonly retries?: number;
  /** First backoff; doubled per retry, with ±25% jitter, capped at `maxBackoffMs`. Default 500 ms. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * Delivers one item. Throw (or reject) to retry; throw an error with `retry: false` to give up at once (a 4xx
   * answer will not get better by asking again).
   */
  readonly deliver: (item: T) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

/**
 * Creates the queue every network sink uses, so a slow or dead receiver costs the monitor a bounded amount of
 * memory and never a stalled `ingest`: items are dropped (and counted) once `maxQueue` are waiting.
 */
export function createDeliveryQueue<T>(options: DeliveryQueueOptions<T>): DeliveryQueue<T> {
  const maxQueue = options.maxQueue ?? 1000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const queue: T[] = [];
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  let closed = false;
  let worker: Promise<void> | undefined;

  const deliverWithRetry = async (item: T) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.deliver(item);
        sent++;
        return;
      } catch (error) {
        const final = attempt >= retries || (error as { retry?: boolean }).retry === false;
        if (final) {
          failed++;
          options.onError?.(error);
          return;
        }
        const base = Math.min(maxBackoffMs, backoffMs * 2 ** attempt);
        await sleep(base * (0.75 + Math.random() * 0.5));
      }
    }
  };

  const run = async () => {
    while (queue.length > 0) await deliverWithRetry(queue.shift() as T);
    worker = undefined;
  };

  return {
    push(item) {
      if (closed || queue.length >= maxQueue) {
        dropped++;
        return false;
      }
      queue.push(item);
      worker ??= run();
      return true;
    },
    async drain() {
      while (worker !== undefined) await worker;
    },
    async close() {
      closed = true;
      while (worker !== undefined) await worker;
    },
    stats: () => ({ sent, failed, dropped, queued: queue.length }),
  };
}
