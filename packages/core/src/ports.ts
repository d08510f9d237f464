import type { Alert } from './alert.js';
import type { ApiEvent } from './event.js';
import type { Finding } from './finding.js';
import type { Severity } from './severity.js';

/** Where events go: the in-process bus, a Redis stream, a sensor's collector client. */
export interface EventSink {
  emit(event: ApiEvent): void;
  /** Resolves when everything emitted so far has been handed on. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

/** Where events come from, for monitor workers. */
export interface EventSource {
  subscribe(handler: (events: readonly ApiEvent[]) => Promise<void> | void): () => void;
}

/**
 * How a `CounterStore` counts: `fixed-window` (a counter per window of `windowMs`), `sliding-window` (the current
 * window's count plus the previous window's weighted by how much of it still overlaps the last `windowMs`), or
 * `token-bucket` (`limit` tokens, refilled continuously at `limit` per `windowMs`).
 */
export type CounterAlgorithm = 'fixed-window' | 'sliding-window' | 'token-bucket';

/** Shared counters for rate limits: memory in one process, Redis across many. */
export interface CounterStore {
  /**
   * Atomically adds `cost` to the window `key` (created with `windowMs` to live) unless that would exceed `limit`.
   * Returns whether it was admitted, what remains, and when the window resets (epoch ms).
   * `algorithm` (default `fixed-window`) selects the counting; for a refused request `resetAt` is the earliest
   * time the same cost could be admitted, for an admitted one when the full `limit` is available again.
   */
  consume(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    algorithm?: CounterAlgorithm,
  ): Promise<{ allowed: boolean; remaining: number; resetAt: number }>;
}

/** Actors the gateway must refuse, fed by the monitor's responses. */
export interface Blocklist {
  add(actor: string, ttlMs: number, reason: string): Promise<void>;
  has(actor: string): Promise<boolean>;
  remove(actor: string): Promise<void>;
}

/** Durable storage for findings, events and alerts. */
export interface Store {
  /**
   * Stores events; resolves once they are durably written (adapters may batch several calls into one
   * transaction). Idempotent by event id: an event saved twice (a sensor retry) is stored once.
   */
  saveEvents(events: readonly ApiEvent[]): Promise<void>;
  /** Stores the findings of one audit or scan run, upserting by fingerprint within the run. */
  saveFindings(runId: string, findings: readonly Finding[]): Promise<void>;
  /** Upserts an alert by its `key`; new activity (a later `lastSeen`) reopens a closed alert. */
  saveAlert(alert: Alert): Promise<void>;
  close(): Promise<void>;
  /** One event by id, with its body samples when they were stored; `undefined` when unknown. */
  getEvent(id: string): Promise<ApiEvent | undefined>;
  /** Events matching every given filter, newest first, one page at a time. */
  queryEvents(query?: EventQuery): Promise<Page<ApiEvent>>;
  /** Calls per method and route (the route template, or the path when no operation matched), busiest first. */
  countEventsByRoute(query?: RouteCountQuery): Promise<readonly RouteCount[]>;
  /** Alerts matching every given filter, most recently active first. */
  queryAlerts(query?: AlertQuery): Promise<Page<StoredAlert>>;
  /** Opens or closes an alert; resolves `false` when no alert has this id. */
  setAlertStatus(id: string, status: AlertStatus): Promise<boolean>;
  /** The findings of one run, most severe first. */
  queryFindings(query: FindingQuery): Promise<Page<Finding>>;
  /** Every run that saved findings, most recently updated first. */
  listFindingRuns(): Promise<readonly FindingRun[]>;
}

/** One page of a query's results. Pass `nextCursor` back as `cursor` for the next page; absent on the last. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** Filters for `Store.queryEvents`; every filter is optional and they combine with AND. */
export interface EventQuery {
  /** Earliest event time, epoch ms, inclusive. */
  readonly from?: number;
  /** Latest event time, epoch ms, exclusive. */
  readonly to?: number;
  /** Upper-case HTTP method. */
  readonly method?: string;
  /** The route template (`/users/{id}`); events with no matched route are found by their normalized path. */
  readonly route?: string;
  readonly clientIp?: string;
  /** The identity subject (principal). */
  readonly subject?: string;
  /** One status, or an inclusive range such as `{ min: 400, max: 499 }`. */
  readonly status?: number | { readonly min: number; readonly max: number };
  /** Who captured it: `gateway`, `sensor:<name>`, `import:<file>`. */
  readonly origin?: string;
  /** Decrypt and include body sample texts (default `false`: list views get sizes and types only). */
  readonly includeBodies?: boolean;
  /** Page size: default 100, at most 1,000. */
  readonly limit?: number;
  /** The previous page's `nextCursor`. */
  readonly cursor?: string;
}

/** Filters for `Store.countEventsByRoute`. */
export interface RouteCountQuery {
  readonly from?: number;
  readonly to?: number;
  /** How many routes to return, busiest first: default 1,000. */
  readonly limit?: number;
}

/** How one route was called in the counted period. */
export interface RouteCount {
  readonly method: string;
  /** The route template, or the normalized path when no operation matched. */
  readonly route: string;
  readonly count: number;
  /** Calls answered with a 4xx status. */
  readonly clientErrors: number;
  /** Calls answered with a 5xx status. */
  readonly serverErrors: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** Whether someone still has to look at an alert. */
export type AlertStatus = 'open' | 'closed';

/** An alert as the store keeps it: the monitor's alert plus its triage status. */
export interface StoredAlert extends Alert {
  readonly status: AlertStatus;
  /** Epoch ms when it was last closed, while it is closed. */
  readonly closedAt?: number;
}

/** Filters for `Store.queryAlerts`. */
export interface AlertQuery {
  readonly status?: AlertStatus;
  /** Only alerts at or above this severity. */
  readonly minSeverity?: Severity;
  readonly detector?: string;
  /** Only alerts active (lastSeen) at or after this time, epoch ms. */
  readonly from?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

/** Filters for `Store.queryFindings`. */
export interface FindingQuery {
  readonly runId: string;
  readonly minSeverity?: Severity;
  readonly limit?: number;
  readonly cursor?: string;
}

/** A run that saved findings. */
export interface FindingRun {
  readonly runId: string;
  readonly findings: number;
  /** Epoch ms of its first and latest save. */
  readonly createdAt: number;
  readonly updatedAt: number;
}
