import type { Alert } from '@rampart/core';

/** Why an alert is being sent: it was just raised, or it grew (more events, higher severity) since it was sent. */
export type AlertChange = 'opened' | 'updated';

/** Delivery counters of a sink. */
export interface AlertSinkStats {
  /** Alerts delivered. */
  readonly sent: number;
  /** Alerts given up on after every retry. */
  readonly failed: number;
  /** Alerts dropped because the queue was full (the sink never blocks the monitor). */
  readonly dropped: number;
  /** Alerts waiting to be delivered. */
  readonly queued: number;
}

/**
 * Where alerts go: a webhook, syslog, a file. `send` is called on the monitor's hot path: it must return at
 * once, never throw, and queue boundedly (dropping and counting when full) rather than block ingestion.
 */
export interface AlertSink {
  /** A short name for stats and logs, e.g. `webhook`, `syslog`. */
  readonly name: string;
  send(alert: Alert, change: AlertChange): void;
  /** Resolves when everything sent so far was delivered or given up on. */
  flush(): Promise<void>;
  /** Flushes, then releases sockets and files. */
  close(): Promise<void>;
  stats(): AlertSinkStats;
}
