import type { ApiEvent, EventSink } from '@rampart/core';

export interface BatchingSinkOptions {
  /** Receives each batch, in order, one at a time. */
  readonly write: (events: readonly ApiEvent[]) => Promise<void> | void;
  /** Write as soon as this many events wait. Default 500. */
  readonly maxEvents?: number;
  /** Write at most this long after the first waiting event. Default 50. */
  readonly maxDelayMs?: number;
  /** Events beyond this many waiting are dropped and counted, so a slow writer never grows memory. Default 100000. */
  readonly maxQueued?: number;
  /** Told when a batch could not be written (the batch is dropped) or events were dropped. */
  readonly onError: (error: unknown, lost: number) => void;
}

/** An `EventSink` that batches, with counters. */
export interface BatchingSink extends EventSink {
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): { readonly written: number; readonly dropped: number; readonly failed: number };
}

/**
 * An `EventSink` for the gateway's hot path: `emit` only appends to a queue; batches go to `write` on size or
 * after a short delay, one write at a time, in order. A failing write is reported and its batch counted as
 * failed (the gateway never waits for or breaks on its sink); a queue over `maxQueued` drops new events.
 */
export function createBatchingSink(options: BatchingSinkOptions): BatchingSink {
  const maxEvents = options.maxEvents ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 50;
  const maxQueued = options.maxQueued ?? 100_000;
  let queue: ApiEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let written = 0;
  let dropped = 0;
  let failed = 0;

  const drain = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (queue.length === 0) return writing;
    const batch = queue;
    queue = [];
    writing = writing.then(async () => {
      try {
        await options.write(batch);
        written += batch.length;
      } catch (error) {
        failed += batch.length;
        options.onError(error, batch.length);
      }
    });
    return writing;
  };

  return {
    emit(event) {
      if (queue.length >= maxQueued) {
        dropped++;
        if (dropped === 1 || dropped % 10_000 === 0)
          options.onError(new Error(`event queue full (${maxQueued}); dropping events`), 1);
        return;
      }
      queue.push(event);
      if (queue.length >= maxEvents) void drain();
      else if (!timer) {
        timer = setTimeout(() => void drain(), maxDelayMs);
        timer.unref();
      }
    },
    async flush() {
      await drain();
    },
    async close() {
      await drain();
    },
    stats: () => ({ written, dropped, failed }),
  };
}
