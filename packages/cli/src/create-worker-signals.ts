import { EventEmitter } from 'node:events';
import { WORKER_RELOAD } from './run-gateway-cluster.js';
import type { SignalSource } from './start-gateway-service.js';

/**
 * The signals of a cluster worker: its own SIGINT/SIGTERM/SIGHUP, plus the primary's reload message as SIGHUP.
 * `stop()` removes the process listeners.
 */
export function createWorkerSignals(): SignalSource & { stop(): void } {
  const emitter = new EventEmitter();
  const forward = (signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM') => () => emitter.emit(signal);
  const handlers = {
    SIGHUP: forward('SIGHUP'),
    SIGINT: forward('SIGINT'),
    SIGTERM: forward('SIGTERM'),
  } as const;
  const onMessage = (message: unknown) => {
    if (message === WORKER_RELOAD) emitter.emit('SIGHUP');
  };
  for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
  process.on('message', onMessage);
  return {
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    stop() {
      for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
      process.off('message', onMessage);
    },
  };
}
