/** Memory and aggregation bounds of a monitor. Every per-key structure is capped by one of these. */
export interface MonitorLimits {
  /** Entries per keyed state map in each detector (actors, actor × endpoint, tokens…). Default 50,000. */
  readonly maxTrackedKeys?: number;
  /** Open alerts kept for aggregation; the least recently updated is closed first. Default 10,000. */
  readonly maxOpenAlerts?: number;
  /** Evidence event ids kept per alert. Default 20. */
  readonly maxEvidence?: number;
  /** Distinct targets kept per alert. Default 10. */
  readonly maxTargets?: number;
  /** An alert with no new signal for this long is closed; the next signal opens a new alert. Default 15 min. */
  readonly reopenAfterMs?: number;
  /** How often an open alert that grew is re-sent to the sinks as an update. Default 60 s. */
  readonly updateIntervalMs?: number;
  /** How often detectors' `tick` runs, in monitor time. Default 1 s. */
  readonly tickIntervalMs?: number;
}

/** `MonitorLimits` with every default filled in. */
export type ResolvedMonitorLimits = Required<MonitorLimits>;

const DEFAULTS: ResolvedMonitorLimits = {
  maxTrackedKeys: 50_000,
  maxOpenAlerts: 10_000,
  maxEvidence: 20,
  maxTargets: 10,
  reopenAfterMs: 15 * 60_000,
  updateIntervalMs: 60_000,
  tickIntervalMs: 1000,
};

/** Fills in defaults and rejects nonsense (a misuse, so a `TypeError` at construction). */
export function resolveMonitorLimits(limits: MonitorLimits = {}): ResolvedMonitorLimits {
  const resolved = { ...DEFAULTS };
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(DEFAULTS, name)) {
      throw new TypeError(
        `monitor limits: unknown limit "${name}"; expected one of ${Object.keys(DEFAULTS).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
      throw new TypeError(`monitor limits: ${name} must be a number ≥ 1, got ${String(value)}`);
    }
    (resolved as Record<string, number>)[name] = value;
  }
  return resolved;
}
