import cluster from 'node:cluster';
import type { Writer } from './define-command.js';
import type { SignalSource } from './start-gateway-service.js';

/** Messages between the primary and its gateway workers. */
export const WORKER_RELOAD = 'rampart:reload';
export const WORKER_READY = 'rampart:ready';

/** What a worker tells the primary once it listens. */
export interface WorkerReady {
  readonly type: typeof WORKER_READY;
  readonly url: string;
  readonly adminUrl?: string;
  readonly storePath: string;
}

/** The primary's handle on one worker (a `cluster.Worker`, or a fake in tests). */
export interface WorkerHandle {
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  send(message: unknown): unknown;
  kill(signal: 'SIGTERM'): void;
}

export interface GatewayClusterOptions {
  readonly workers: number;
  readonly log: Writer;
  /** Default `process`. */
  readonly signals?: SignalSource;
  /** Starts one worker. Default: `cluster.fork()` (the worker runs the same command line). */
  readonly fork?: () => WorkerHandle;
  /** Restart delays after crashes: doubled per crash in a row, from `initialMs` up to `maxMs`. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number; readonly resetAfterMs?: number };
  /** Called once, when the first worker listens. */
  readonly onReady?: (ready: WorkerReady) => void;
  /** Epoch ms now. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * The `node:cluster` primary of `rampart gateway` with `gateway.workers > 1`: forks the workers (which share the
 * listening sockets), restarts a worker that exits unexpectedly after a backoff that doubles with each crash in a
 * row (reset once a worker has lived `resetAfterMs`), forwards SIGHUP to every worker as a reload, and on
 * SIGINT/SIGTERM stops restarting, sends SIGTERM to every worker (each drains and flushes its events) and
 * resolves with exit code 0 once all have exited.
 */
export function runGatewayCluster(options: GatewayClusterOptions): Promise<number> {
  const signals = options.signals ?? process;
  const clock = options.clock ?? Date.now;
  const initialMs = options.backoff?.initialMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const resetAfterMs = options.backoff?.resetAfterMs ?? 10_000;
  const fork =
    options.fork ??
    (() => {
      const worker = cluster.fork();
      return {
        // biome-ignore lint/suspicious/noExplicitAny: cluster.Worker's overloads accept these listeners.
        on: (event: string, listener: (...args: any[]) => void) => worker.on(event, listener),
        send: (message: unknown) => worker.send(message as string),
        kill: (signal: 'SIGTERM') => worker.process.kill(signal),
      } as WorkerHandle;
    });
  const alive = new Set<WorkerHandle>();
  const restarts = new Set<NodeJS.Timeout>();
  let crashesInARow = 0;
  let stopping = false;
  let ready = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });

  const spawn = (slot: number) => {
    const startedAt = clock();
    const worker = fork();
    alive.add(worker);
    worker.on('message', (message) => {
      if (!ready && isReady(message)) {
        ready = true;
        options.onReady?.(message);
      }
    });
    worker.on('exit', (code, signal) => {
      alive.delete(worker);
      if (stopping) {
        if (alive.size === 0) stop();
        return;
      }
      crashesInARow = clock() - startedAt >= resetAfterMs ? 1 : crashesInARow + 1;
      const delay = Math.min(maxMs, initialMs * 2 ** (crashesInARow - 1));
      options.log.write(
        `rampart: gateway worker ${slot} exited (${signal ?? `code ${code}`}); restarting it in ${delay} ms\n`,
      );
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!stopping) spawn(slot);
      }, delay);
      restarts.add(timer);
    });
  };

  const onHangup = () => {
    for (const worker of alive) {
      try {
        worker.send(WORKER_RELOAD);
      } catch (error) {
        options.log.write(`rampart: cannot ask a worker to reload: ${(error as Error).message}\n`);
      }
    }
  };
  const stop = () => {
    signals.off('SIGHUP', onHangup);
    signals.off('SIGINT', onStop);
    signals.off('SIGTERM', onStop);
    finish(0);
  };
  const onStop = () => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    restarts.clear();
    if (alive.size === 0) return stop();
    for (const worker of alive) worker.kill('SIGTERM');
  };
  signals.on('SIGHUP', onHangup);
  signals.on('SIGINT', onStop);
  signals.on('SIGTERM', onStop);
  for (let slot = 1; slot <= options.workers; slot++) spawn(slot);
  return done;
}

function isReady(message: unknown): message is WorkerReady {
  return typeof message === 'object' && message !== null && (message as WorkerReady).type === WORKER_READY;
}
