import type { Alert, Store } from '@rampart/core';
import type { AlertSink } from '@rampart/monitor';

/**
 * The monitor's `AlertSink` that saves alerts to the store (upserted by key, so an updated alert replaces the
 * opened one). `send` never blocks the monitor: at most `maxPending` saves are in flight, beyond that alerts are
 * dropped and counted.
 */
export function createStoreAlertSink(
  store: Pick<Store, 'saveAlert'>,
  onError: (error: unknown) => void,
  maxPending = 1000,
): AlertSink {
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  const flush = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };
  return {
    name: 'store',
    send(alert: Alert) {
      if (pending.size >= maxPending) {
        dropped++;
        return;
      }
      const saving = store.saveAlert(alert).then(
        () => {
          sent++;
        },
        (error: unknown) => {
          failed++;
          onError(error);
        },
      );
      pending.add(saving);
      void saving.finally(() => pending.delete(saving));
    },
    flush,
    close: flush,
    stats: () => ({ sent, failed, dropped, queued: pending.size }),
  };
}
