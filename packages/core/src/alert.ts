import type { OwaspCategory } from './owasp.js';
import type { Severity } from './severity.js';

/** Who is behind an alert: an address, a principal, a credential fingerprint, a sensor. */
export interface Actor {
  readonly kind: 'ip' | 'principal' | 'credential' | 'api-key' | 'user-agent';
  readonly value: string;
}

/** What the monitor raises when a detector sees an attack or anomaly. Deduplicated by `key`. */
export interface Alert {
  readonly id: string;
  /** The detector's stable id, e.g. `bola-enumeration`. */
  readonly detector: string;
  readonly title: string;
  readonly severity: Severity;
  readonly owasp?: OwaspCategory;
  readonly actor: Actor;
  /** Endpoints or objects attacked, e.g. `GET /accounts/{id}`. */
  readonly targets: readonly string[];
  /** Epoch milliseconds. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** How many events this alert aggregates. */
  readonly count: number;
  /** Ids of events that show it (bounded). */
  readonly evidenceEventIds: readonly string[];
  /** Aggregation key: detector + actor + target class; alerts with the same key are merged. */
  readonly key: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
