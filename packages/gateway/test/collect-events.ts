import type { ApiEvent, EventSink } from '@rampart/core';

export interface EventCollector {
  readonly sink: EventSink;
  readonly events: ApiEvent[];
  /** Resolves with the first event (already emitted or future) that matches. */
  waitFor(predicate: (event: ApiEvent) => boolean): Promise<ApiEvent>;
  /** Resolves when at least `count` events have arrived. */
  waitForCount(count: number): Promise<readonly ApiEvent[]>;
}

/** An in-memory event sink for tests. */
export function collectEvents(): EventCollector {
  const events: ApiEvent[] = [];
  const listeners = new Set<() => void>();
  const waitUntil = <T>(check: () => T | undefined): Promise<T> => {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => {
      const listener = (): void => {
        const value = check();
        if (value !== undefined) {
          listeners.delete(listener);
          resolve(value);
        }
      };
      listeners.add(listener);
    });
  };
  return {
    events,
    sink: {
      emit(event) {
        events.push(event);
        for (const l of [...listeners]) l();
      },
    },
    waitFor: (predicate) => waitUntil(() => events.find(predicate)),
    waitForCount: (count) => waitUntil(() => (events.length >= count ? events : undefined)),
  };
}
