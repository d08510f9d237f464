import { randomUUID } from 'node:crypto';
import { type Actor, type Alert, type Severity, severityRank } from '@rampart/core';
import type { AnyDetector } from './define-detector.js';
import type { DetectionSignal } from './detection-signal.js';
import { formatActorKey } from './format-actor-key.js';
import type { ResolvedMonitorLimits } from './monitor-limits.js';
import type { AlertChange } from './sinks/alert-sink.js';
import { createLruMap } from './state/create-lru-map.js';

/** The mutable state of one open alert; `Alert` snapshots are built from it only when handed out. */
interface OpenAlert {
  readonly id: string;
  readonly detector: AnyDetector;
  readonly actor: Actor;
  readonly key: string;
  readonly firstSeen: number;
  severity: Severity;
  lastSeen: number;
  count: number;
  readonly targets: string[];
  readonly evidence: string[];
  details: Readonly<Record<string, unknown>>;
  /** The alert changed since it was last handed out. */
  dirty: boolean;
  lastPublished: number;
}

/** What adding a signal did. `alert` is set when the alert must be published now. */
export interface AggregationResult {
  /** `opened`: a new alert; `updated`: its severity rose (publish at once); undefined: merged quietly. */
  readonly change: AlertChange | undefined;
  readonly alert: Alert | undefined;
}

export interface AlertAggregator {
  add(detector: AnyDetector, signal: DetectionSignal, now: number): AggregationResult;
  /** Alerts that grew since they were published, once `updateIntervalMs` has passed (or all, when `force`). */
  takeDue(now: number, force?: boolean): Alert[];
  /** Snapshots of the open alerts, least recently updated first. */
  open(): Alert[];
  readonly size: number;
}

const MERGED: AggregationResult = Object.freeze({ change: undefined, alert: undefined });

/**
 * Merges signals into alerts keyed by detector + actor (or `*` for `perTarget` signals) + target class. A
 * repeated signal updates the open alert (count, last seen, targets, bounded evidence: the first half of
 * `maxEvidence` kept, the rest a ring of the latest) instead of raising a new one; an alert quiet for
 * `reopenAfterMs` is closed and the next signal opens a fresh one. At most `maxOpenAlerts` stay open (least
 * recently updated closed first). Merging allocates little; snapshots are built only when published.
 */
export function createAlertAggregator(limits: ResolvedMonitorLimits): AlertAggregator {
  const alerts = createLruMap<string, OpenAlert>(limits.maxOpenAlerts, (_, open) => dirty.delete(open));
  /** Open alerts that grew since they were last handed out. */
  const dirty = new Set<OpenAlert>();
  const keep = Math.ceil(limits.maxEvidence / 2);
  const ring = Math.max(1, limits.maxEvidence - keep);
  let evidenceCursor = 0;

  const snapshot = (open: OpenAlert): Alert => ({
    id: open.id,
    detector: open.detector.id,
    title: open.detector.title,
    severity: open.severity,
    owasp: open.detector.owasp,
    actor: open.actor,
    targets: [...open.targets],
    firstSeen: open.firstSeen,
    lastSeen: open.lastSeen,
    count: open.count,
    evidenceEventIds: [...open.evidence],
    key: open.key,
    details: open.details,
  });

  return {
    add(detector, signal, now) {
      const targetClass = signal.targetClass ?? signal.target;
      const who = signal.perTarget === true ? '*' : formatActorKey(signal.actor);
      const key = `${detector.id}|${who}|${targetClass}`;
      const severity = signal.severity ?? detector.severity;
      let open = alerts.get(key);
      if (open !== undefined && now - open.lastSeen > limits.reopenAfterMs) {
        alerts.delete(key);
        dirty.delete(open);
        open = undefined;
      }
      if (open === undefined) {
        open = {
          id: randomUUID(),
          detector,
          actor: signal.actor,
          key,
          firstSeen: now,
          severity,
          lastSeen: now,
          count: 1,
          targets: [signal.target],
          evidence: signal.eventIds.slice(0, limits.maxEvidence),
          details: { ...signal.details, summary: signal.summary, blockable: signal.blockable ?? true },
          dirty: false,
          lastPublished: now,
        };
        alerts.set(key, open);
        return { change: 'opened', alert: snapshot(open) };
      }
      if (open.targets.length < limits.maxTargets && !open.targets.includes(signal.target)) {
        open.targets.push(signal.target);
      }
      for (const id of signal.eventIds) {
        if (open.evidence.length < limits.maxEvidence) open.evidence.push(id);
        else open.evidence[keep + (evidenceCursor++ % ring)] = id;
      }
      open.count++;
      if (now > open.lastSeen) open.lastSeen = now;
      // Keep the latest facts; the details object is replaced, not mutated, so published snapshots stay intact.
      open.details = { ...signal.details, summary: signal.summary, blockable: signal.blockable ?? true };
      if (severityRank(severity) > severityRank(open.severity)) {
        open.severity = severity;
        open.dirty = false;
        dirty.delete(open);
        open.lastPublished = now;
        return { change: 'updated', alert: snapshot(open) };
      }
      open.dirty = true;
      dirty.add(open);
      return MERGED;
    },
    takeDue(now, force = false) {
      const due: Alert[] = [];
      for (const open of dirty) {
        if (!force && now - open.lastPublished < limits.updateIntervalMs) continue;
        dirty.delete(open);
        open.dirty = false;
        open.lastPublished = now;
        due.push(snapshot(open));
      }
      return due;
    },
    open: () => [...alerts.entries()].map(([, open]) => snapshot(open)),
    get size() {
      return alerts.size;
    },
  };
}
