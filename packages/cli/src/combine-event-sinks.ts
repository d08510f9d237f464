import type { EventSink } from '@rampart/core';

/**
 * One `EventSink` that hands every event to each of `sinks` (store and monitor), flushes and closes them all.
 * A sink that throws does not keep the event from the others.
 */
export function combineEventSinks(sinks: readonly EventSink[], onError: (error: unknown) => void): EventSink {
  if (sinks.length === 1) return sinks[0] as EventSink;
  return {
    emit(event) {
      for (const sink of sinks) {
        try {
          sink.emit(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    async flush() {
      await Promise.all(sinks.map((sink) => sink.flush?.()));
    },
    async close() {
      await Promise.all(sinks.map((sink) => sink.close?.()));
    },
  };
}
