import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  runGatewayCluster,
  WORKER_READY,
  WORKER_RELOAD,
  type WorkerHandle,
} from '../src/run-gateway-cluster.js';

/** A fake cluster worker: records messages and signals; the test decides when it exits. */
class FakeWorker extends EventEmitter implements WorkerHandle {
  readonly sent: unknown[] = [];
  readonly signals: string[] = [];
  send(message: unknown) {
    this.sent.push(message);
    return true;
  }
  kill(signal: 'SIGTERM') {
    this.signals.push(signal);
    setImmediate(() => this.emit('exit', 0, null));
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('runGatewayCluster (node:cluster primary)', () => {
  it('forks the workers, restarts a crashed one with a growing backoff, forwards SIGHUP, stops on SIGTERM', async () => {
    const workers: FakeWorker[] = [];
    const signals = new EventEmitter();
    let log = '';
    let now = 0;
    const ready: string[] = [];
    const done = runGatewayCluster({
      workers: 2,
      log: { write: (text: string) => (log += text) },
      signals,
      clock: () => now,
      backoff: { initialMs: 1, maxMs: 4, resetAfterMs: 1000 },
      fork: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      },
      onReady: (r) => ready.push(r.url),
    });
    expect(workers).toHaveLength(2);
    workers[0]?.emit('message', { type: WORKER_READY, url: 'http://127.0.0.1:1', storePath: '/x' });
    workers[1]?.emit('message', { type: WORKER_READY, url: 'http://127.0.0.1:1', storePath: '/x' });
    expect(ready).toEqual(['http://127.0.0.1:1']);

    // Three crashes in a row: 1 ms, 2 ms, 4 ms.
    for (let crash = 0; crash < 3; crash++) {
      workers.at(-1)?.emit('exit', 1, null);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(workers).toHaveLength(5);
    expect(log.match(/restarting it in (\d+) ms/g)).toEqual([
      'restarting it in 1 ms',
      'restarting it in 2 ms',
      'restarting it in 4 ms',
    ]);
    // A worker that lived past resetAfterMs starts the backoff over.
    now = 5000;
    workers.at(-1)?.emit('exit', null, 'SIGKILL');
    await tick();
    expect(log).toMatch(/exited \(SIGKILL\); restarting it in 1 ms\n$/);

    signals.emit('SIGHUP');
    const alive = [workers[0], ...workers.slice(-1)] as FakeWorker[];
    for (const worker of alive) expect(worker.sent).toContain(WORKER_RELOAD);

    signals.emit('SIGTERM');
    expect(await done).toBe(0);
    for (const worker of alive) expect(worker.signals).toEqual(['SIGTERM']);
    expect(signals.listenerCount('SIGHUP')).toBe(0);
  });
});
