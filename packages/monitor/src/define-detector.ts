import type { ApiEvent, OwaspCategory, Severity } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import type { DetectionSignal } from './detection-signal.js';
import type { ResolvedMonitorLimits } from './monitor-limits.js';
import type { RouteResolver } from './create-route-resolver.js';

/** A running detector: sees every event once, in order, synchronously. */
export interface DetectorInstance {
  /**
   * Looks at one event and returns what it shows (usually `NO_SIGNALS`). Must be cheap (a few map lookups), must
   * not throw on odd events, and must keep its state in bounded structures. `now` is the monitor's clock (or the
   * event time when replaying).
   */
  observe(event: ApiEvent, now: number): readonly DetectionSignal[];
  /** Called about every `tickIntervalMs` for time-based windows that close without a new event. */
  tick?(now: number): readonly DetectionSignal[];
}

/** What a detector gets when the monitor starts it. */
export interface DetectorContext<Options> {
  /** The detector's `defaults` overridden by the user's options. */
  readonly options: Options;
  /** The API description, when the monitor was given one. */
  readonly model: ApiModel | undefined;
  /** Route templates and path parameters of events (memoized per event across detectors). */
  readonly routes: RouteResolver;
  readonly limits: ResolvedMonitorLimits;
}

/** A detector: stable metadata plus a factory. Ids are contracts: never reused, never renamed. */
export interface Detector<Options extends object = Record<string, unknown>> {
  /** Stable kebab-case id, e.g. `bola-enumeration`. */
  readonly id: string;
  readonly title: string;
  /** Default severity of its alerts (signals may override it). */
  readonly severity: Severity;
  readonly owasp: OwaspCategory;
  /** CWE number of the weakness it looks for. */
  readonly cwe: number;
  /** What it detects and how, in a few sentences an operator understands (thresholds included). */
  readonly description: string;
  /** Every option with its default value; user options may only override these keys. */
  readonly defaults: Options;
  create(context: DetectorContext<Options>): DetectorInstance;
}

/** A detector of any option type, as lists hold them. */
// biome-ignore lint/suspicious/noExplicitAny: a list of detectors with different option types.
export type AnyDetector = Detector<any>;

const DETECTOR_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Declares a detector. Validates its metadata so a bad detector fails at start-up. */
export function defineDetector<Options extends object>(detector: Detector<Options>): Detector<Options> {
  if (!DETECTOR_ID.test(detector.id)) throw new TypeError(`detector id "${detector.id}" must be kebab-case`);
  if (!Number.isInteger(detector.cwe) || detector.cwe <= 0) {
    throw new TypeError(
      `detector ${detector.id}: cwe must be a positive integer, got ${String(detector.cwe)}`,
    );
  }
  if (detector.description.trim().length < 20) {
    throw new TypeError(`detector ${detector.id}: description must say what it detects and how`);
  }
  return Object.freeze(detector);
}
