import type { Alert, ApiEvent } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import { createAlertAggregator } from './create-alert-aggregator.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { AnyDetector, DetectorInstance } from './define-detector.js';
import type { DetectionSignal } from './detection-signal.js';
import { DETECTORS } from './detector-list.js';
import { type MonitorLimits, resolveMonitorLimits } from './monitor-limits.js';
import type { Responder, ResponseAction } from './response/responder.js';
import type { AlertChange, AlertSink, AlertSinkStats } from './sinks/alert-sink.js';

export interface MonitorOptions {
  /** Detectors to run, in order. Default: every built-in detector (`DETECTORS`). */
  readonly detectors?: readonly AnyDetector[];
  /** Options per detector id, overriding the detector's `defaults` key by key. */
  readonly detectorOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The API description: enables shadow/zombie detection and exact route matching. */
  readonly model?: ApiModel;
  readonly sinks?: readonly AlertSink[];
  /** Acts on alerts as they open or escalate (e.g. `createResponder` puts the actor on a blocklist). */
  readonly responder?: Responder;
  /** Epoch ms now. Default `Date.now`. */
  readonly clock?: () => number;
  /**
   * Use each event's own `time` as "now" (never going backwards) instead of the clock: for imported logs and
   * replays, so windows follow the traffic's time rather than the replay's speed.
   */
  readonly useEventTime?: boolean;
  readonly limits?: MonitorLimits;
  /** Told about a detector that threw, a sink that threw, a responder that failed. Default: ignored (counted). */
  readonly onError?: (error: unknown, where: string) => void;
}

export interface DetectorStats {
  readonly signals: number;
  readonly alerts: number;
  readonly errors: number;
}

export interface MonitorStats {
  readonly events: number;
  readonly signals: number;
  readonly alertsOpened: number;
  readonly alertsUpdated: number;
  readonly openAlerts: number;
  readonly detectorErrors: number;
  readonly responses: { readonly blocked: number; readonly skipped: number; readonly failed: number };
  readonly detectors: Readonly<Record<string, DetectorStats>>;
  readonly sinks: Readonly<Record<string, AlertSinkStats>>;
}

export interface Monitor {
  /** Runs every event through every detector, in order, synchronously; alerts go to the sinks as they open. */
  ingest(events: readonly ApiEvent[]): void;
  /** Publishes grown alerts now, then waits for sinks and responses in flight. */
  flush(): Promise<void>;
  /** Flushes and closes the sinks. Ingesting afterwards is a misuse. */
  close(): Promise<void>;
  stats(): MonitorStats;
  /** Snapshots of the alerts still open (for the console). */
  openAlerts(): readonly Alert[];
}

interface Running {
  readonly detector: AnyDetector;
  readonly instance: DetectorInstance;
  signals: number;
  alerts: number;
  errors: number;
}

/**
 * Creates the monitor: the detection pipeline in one process. Each event goes through every detector in order
 * (a throwing detector is counted and skipped, never stops the others); signals are merged into alerts
 * (`createAlertAggregator`); an alert is sent to every sink when it opens, again when its severity rises, and at
 * most every `updateIntervalMs` while it grows; the responder acts when it opens or escalates.
 *
 * Throws `TypeError` for unknown detector ids or option names, or options of the wrong type.
 */
export function createMonitor(options: MonitorOptions = {}): Monitor {
  const limits = resolveMonitorLimits(options.limits);
  const detectors = options.detectors ?? DETECTORS;
  const routes = createRouteResolver(options.model);
  const sinks = options.sinks ?? [];
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? (() => {});
  const aggregator = createAlertAggregator(limits);
  const running: Running[] = [];
  const known = new Set(detectors.map((d) => d.id));
  for (const id of Object.keys(options.detectorOptions ?? {})) {
    if (!known.has(id)) {
      throw new TypeError(
        `monitor detectorOptions: unknown detector "${id}"; running detectors are ${[...known].join(', ')}`,
      );
    }
  }
  for (const detector of detectors) {
    const detectorOptions = mergeOptions(detector, options.detectorOptions?.[detector.id]);
    const instance = detector.create({ options: detectorOptions, model: options.model, routes, limits });
    running.push({ detector, instance, signals: 0, alerts: 0, errors: 0 });
  }

  let events = 0;
  let signals = 0;
  let alertsOpened = 0;
  let alertsUpdated = 0;
  let detectorErrors = 0;
  const responses = { blocked: 0, skipped: 0, failed: 0 };
  const pending = new Set<Promise<unknown>>();
  let now = Number.NEGATIVE_INFINITY;
  let lastTick = Number.NEGATIVE_INFINITY;
  let closed = false;

  const publish = (alert: Alert, change: AlertChange) => {
    for (const sink of sinks) {
      try {
        sink.send(alert, change);
      } catch (error) {
        onError(error, `sink ${sink.name}`);
      }
    }
    if (options.responder !== undefined) {
      const p: Promise<unknown> = options.responder.respond(alert).then(
        (action: ResponseAction) => {
          responses[action.action]++;
        },
        (error: unknown) => {
          responses.failed++;
          onError(error, 'responder');
        },
      );
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  };

  const handle = (run: Running, found: readonly DetectionSignal[], at: number) => {
    for (let i = 0; i < found.length; i++) {
      signals++;
      run.signals++;
      const result = aggregator.add(run.detector, found[i]!, at);
      if (result.change === undefined) continue;
      if (result.change === 'opened') {
        alertsOpened++;
        run.alerts++;
      } else alertsUpdated++;
      publish(result.alert!, result.change);
    }
  };

  const tick = (at: number, force = false) => {
    if (!force && at - lastTick < limits.tickIntervalMs) return;
    lastTick = at;
    for (const run of running) {
      if (run.instance.tick === undefined) continue;
      try {
        handle(run, run.instance.tick(at), at);
      } catch (error) {
        run.errors++;
        detectorErrors++;
        onError(error, `detector ${run.detector.id} tick`);
      }
    }
    for (const alert of aggregator.takeDue(at, force)) {
      alertsUpdated++;
      publish(alert, 'updated');
    }
  };

  const flush = async (): Promise<void> => {
    const at = options.useEventTime === true ? now : Math.max(now, clock());
    if (Number.isFinite(at)) tick(at, true);
    await Promise.all([...pending]);
    await Promise.all(sinks.map((sink) => sink.flush().catch((error: unknown) => onError(error, sink.name))));
  };

  return {
    ingest(batch) {
      if (closed) throw new TypeError('monitor.ingest() called after close(); create a new monitor');
      for (let e = 0; e < batch.length; e++) {
        const event = batch[e]!;
        events++;
        const t = options.useEventTime === true ? event.time : clock();
        if (t > now) now = t;
        for (let d = 0; d < running.length; d++) {
          const run = running[d]!;
          let found: readonly DetectionSignal[];
          try {
            found = run.instance.observe(event, now);
          } catch (error) {
            run.errors++;
            detectorErrors++;
            onError(error, `detector ${run.detector.id}`);
            continue;
          }
          if (found.length > 0) handle(run, found, now);
        }
        if (now - lastTick >= limits.tickIntervalMs) tick(now);
      }
    },
    flush,
    async close() {
      if (closed) return;
      await flush();
      closed = true;
      await Promise.all(
        sinks.map((sink) => sink.close().catch((error: unknown) => onError(error, sink.name))),
      );
    },
    stats() {
      return {
        events,
        signals,
        alertsOpened,
        alertsUpdated,
        openAlerts: aggregator.size,
        detectorErrors,
        responses: { ...responses },
        detectors: Object.fromEntries(
          running.map((r) => [r.detector.id, { signals: r.signals, alerts: r.alerts, errors: r.errors }]),
        ),
        sinks: Object.fromEntries(sinks.map((s) => [s.name, s.stats()])),
      };
    },
    openAlerts: () => aggregator.open(),
  };
}

function mergeOptions(detector: AnyDetector, given: Readonly<Record<string, unknown>> | undefined): object {
  const defaults = detector.defaults as Record<string, unknown>;
  if (given === undefined) return defaults;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(defaults, name)) {
      throw new TypeError(
        `monitor detectorOptions.${detector.id}: unknown option "${name}"; expected one of ${Object.keys(defaults).join(', ') || '(none)'}`,
      );
    }
    const expected = Array.isArray(defaults[name]) ? 'array' : typeof defaults[name];
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (expected !== actual) {
      throw new TypeError(
        `monitor detectorOptions.${detector.id}.${name} must be a ${expected}, got ${JSON.stringify(value)}`,
      );
    }
    merged[name] = value;
  }
  return Object.freeze(merged);
}
