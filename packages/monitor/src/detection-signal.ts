import type { Actor, Severity } from '@rampart/core';

/**
 * What a detector reports about one event (or one tick): who, against what, how bad, and why. The monitor turns
 * signals into alerts, merging those with the same detector, actor and `targetClass` into one open alert.
 */
export interface DetectionSignal {
  readonly actor: Actor;
  /** What was attacked, as a person reads it: `GET /accounts/{id}`, `POST /login`, `username alice`. */
  readonly target: string;
  /**
   * The aggregation class of the target: signals with the same detector, actor (unless `perTarget`) and class
   * update one alert. Defaults to `target`.
   */
  readonly targetClass?: string;
  /** Overrides the detector's default severity for this signal. */
  readonly severity?: Severity;
  /** One sentence: what was observed, with the numbers (`41 distinct ids in 10 min, 38 answered 404`). */
  readonly summary: string;
  /** The event(s) that show it. */
  readonly eventIds: readonly string[];
  /** Aggregate per target only, whoever the actor is (inventory-like detections: shadow and zombie endpoints). */
  readonly perTarget?: boolean;
  /**
   * False when blocking the actor would be wrong even for a severe alert: the actor is the victim (an account
   * under brute force) or not an attacker at all (a client of a deprecated endpoint). Default true.
   */
  readonly blockable?: boolean;
  /** Structured facts for the console and sinks (counts, thresholds, expected values). Never secrets. */
  readonly details?: Readonly<Record<string, unknown>>;
}
