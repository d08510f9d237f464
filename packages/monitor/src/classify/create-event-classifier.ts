import type { ApiEvent, BodySample } from '@rampart/core';
import { createLruMap } from '../state/create-lru-map.js';
import { hashString } from '../state/hash-string.js';
import { templatizePath } from '../templatize-path.js';
import { classifyEvent } from './classify-event.js';
import { DATA_CLASSES, type DataClass } from './data-class.js';

/** Options for {@link createEventClassifier}. */
export interface EventClassifierOptions {
  /** Classify body samples (default true). Path, query and headers are always classified. */
  readonly bodies?: boolean;
  /**
   * Body samples of the first this many calls of each endpoint (method and route, or path template) are always
   * classified, so every endpoint's data shows at once; after that only `bodySampleRate` of them. Default 32.
   */
  readonly bodiesPerEndpoint?: number;
  /**
   * Fraction of calls, from 0 to 1, whose body samples are classified once their endpoint has had
   * `bodiesPerEndpoint` (default 0.05). The choice is a hash of the event id, so a replayed event is sampled the
   * same way; over many calls, a field that only sometimes carries data is still seen.
   */
  readonly bodySampleRate?: number;
  /** Endpoints whose calls are counted for `bodiesPerEndpoint` (least recently seen forgotten). Default 10,000. */
  readonly maxEndpoints?: number;
  /** Longest body text classified, in characters; a longer sample is classified on its start. Default 16,384. */
  readonly maxBodyChars?: number;
  /** Most JSON values visited per body. Default 2,000. */
  readonly maxNodes?: number;
  /** Most locations recorded in `dataLocations` per event. Default 32. */
  readonly maxLocations?: number;
}

/** Returns the event with `dataClasses` and `dataLocations` set when it carries sensitive data, else the event itself. */
export type EventClassifier = (event: ApiEvent) => ApiEvent;

function fraction(value: number | undefined): number {
  if (value === undefined) return 0.05;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new TypeError(
      `createEventClassifier: options.bodySampleRate must be a number from 0 to 1, got ${String(value)}`,
    );
  return value;
}

function positive(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new TypeError(
      `createEventClassifier: options.${name} must be an integer of at least ${min}, got ${String(value)}`,
    );
  return value;
}

/**
 * Creates the classifier that runs where events are captured or collected (the collector, `rampart import`):
 * it finds the sensitive data classes of each call with `classifyEvent` and writes them onto the event as
 * `dataClasses` (the distinct classes) and `dataLocations` (class, request or response part, field), which the
 * store keeps even when it drops body samples, and which the inventory folds in per endpoint. Work per event is
 * bounded: bodies only for the sampled fraction, only their first `maxBodyChars`, at most `maxNodes` JSON values.
 *
 * @throws TypeError when an option is out of range.
 */
export function createEventClassifier(options: EventClassifierOptions = {}): EventClassifier {
  const bodies = options.bodies ?? true;
  const rate = fraction(options.bodySampleRate);
  const threshold = Math.floor(rate * 0x1_0000_0000);
  const maxBodyChars = positive('maxBodyChars', options.maxBodyChars, 16_384);
  const maxNodes = positive('maxNodes', options.maxNodes, 2000);
  const maxLocations = positive('maxLocations', options.maxLocations, 32);
  const perEndpoint = positive('bodiesPerEndpoint', options.bodiesPerEndpoint, 32, 0);
  const seen = createLruMap<string, number>(positive('maxEndpoints', options.maxEndpoints, 10_000));

  /** Whether this call's bodies are classified: the endpoint's first calls, then a sample by event id. */
  const sampled = (event: ApiEvent): boolean => {
    if (event.requestBody?.text === undefined && event.responseBody?.text === undefined) return false;
    if (rate >= 1) return true;
    if (perEndpoint > 0) {
      const key = `${event.method} ${event.route ?? templatizePath(event.path).template}`;
      const calls = seen.get(key) ?? 0;
      if (calls < perEndpoint) {
        seen.set(key, calls + 1);
        return true;
      }
    }
    return rate > 0 && hashString(event.id) < threshold;
  };

  const bounded = (sample: BodySample | undefined, keep: boolean): BodySample | undefined => {
    if (sample?.text === undefined) return sample;
    if (!keep) return { ...sample, text: '' };
    if (sample.text.length <= maxBodyChars) return sample;
    return { ...sample, text: sample.text.slice(0, maxBodyChars), truncated: true };
  };

  return (event) => {
    const withBodies = bodies && sampled(event);
    const requestBody = bounded(event.requestBody, withBodies);
    const responseBody = bounded(event.responseBody, withBodies);
    const input: ApiEvent =
      requestBody === event.requestBody && responseBody === event.responseBody
        ? event
        : {
            ...event,
            ...(requestBody === undefined ? {} : { requestBody }),
            ...(responseBody === undefined ? {} : { responseBody }),
          };
    const found = classifyEvent(input, { maxNodes });
    if (found.matches.length === 0) return event;
    const distinct = new Set<string>();
    const locations: { class: DataClass; location: string; pointer: string }[] = [];
    for (const match of found.matches) {
      if (locations.length >= maxLocations) break;
      const key = `${match.class} ${match.location} ${match.pointer}`;
      if (distinct.has(key)) continue;
      distinct.add(key);
      locations.push({ class: match.class, location: match.location, pointer: match.pointer });
    }
    const classes = new Set<string>(found.classes);
    for (const c of event.dataClasses ?? [])
      if ((DATA_CLASSES as readonly string[]).includes(c)) classes.add(c);
    return {
      ...event,
      dataClasses: DATA_CLASSES.filter((c) => classes.has(c)),
      dataLocations: locations,
    };
  };
}
