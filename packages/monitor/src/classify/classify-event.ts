import { type ApiEvent, type BodySample, isSecretName, REDACTED_TEXT } from '@rampart/core';
import { parseBodySample } from '../parse-body-sample.js';
import { classifyJson } from './classify-json.js';
import { classifyText } from './classify-text.js';
import { classifyValue } from './classify-value.js';
import { DATA_CLASSES, type DataClass } from './data-class.js';

/** Where in a call a data class was found. */
export type DataLocation =
  | 'path'
  | 'query'
  | 'request-header'
  | 'request-body'
  | 'response-header'
  | 'response-body';

/** One data class found in one place of a call. */
export interface EventDataMatch {
  readonly class: DataClass;
  readonly location: DataLocation;
  /**
   * Where within the location: a JSON pointer into a JSON body (`/customer/email`), `/<name>` for a query
   * parameter or header, `/<index>` for a path segment (0 is the first segment), `''` for a text body.
   */
  readonly pointer: string;
}

/** What `classifyEvent` found. */
export interface EventClassification {
  /** Distinct classes, in `DATA_CLASSES` order. */
  readonly classes: readonly DataClass[];
  /** Classes found in the request (path, query, headers, body). */
  readonly requestClasses: readonly DataClass[];
  /** Classes found in the response (headers, body). */
  readonly responseClasses: readonly DataClass[];
  readonly matches: readonly EventDataMatch[];
}

export interface ClassifyEventOptions {
  /** Bound on JSON values visited per body. Default 2,000. */
  readonly maxNodes?: number;
  /** "Now" for date-of-birth plausibility; default the event's time. */
  readonly now?: number;
}

/**
 * Headers that describe the transport, not the data. Forwarding headers carry the client's address on every
 * proxied call: reporting `ip-address` for them would mark every endpoint.
 */
const TRANSPORT_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'date',
  'etag',
  'forwarded',
  'host',
  'if-none-match',
  'if-modified-since',
  'last-modified',
  'origin',
  'referer',
  'server',
  'traceparent',
  'user-agent',
  'via',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-request-id',
  'x-correlation-id',
]);

/**
 * The sensitive data classes one API call carries: path segments (named by the segment before them), query
 * parameters and non-secret, non-transport headers (named by themselves), and the body samples (JSON bodies
 * property by property, with names as hints; other text word by word). Credentials were redacted at capture,
 * so secret-named headers and `[redacted]` values are skipped.
 */
export function classifyEvent(event: ApiEvent, options: ClassifyEventOptions = {}): EventClassification {
  const now = options.now ?? event.time;
  const maxNodes = options.maxNodes ?? 2000;
  const matches: EventDataMatch[] = [];
  const push = (classes: readonly DataClass[], location: DataLocation, pointer: string) => {
    for (const dataClass of classes) matches.push({ class: dataClass, location, pointer });
  };

  const segments = event.path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.length < 3) continue;
    const previous = segments[i - 1];
    push(
      classifyValue(decodeSegment(segment), previous ? { fieldName: previous, now } : { now }),
      'path',
      `/${i - 1}`,
    );
  }

  for (const [name, value] of queryEntries(event)) {
    if (value === REDACTED_TEXT || isSecretName(name)) continue;
    push(classifyValue(value, { fieldName: name, now }), 'query', `/${name}`);
  }
  classifyHeaders(event.requestHeaders, 'request-header', now, push);
  classifyHeaders(event.responseHeaders, 'response-header', now, push);
  classifyBody(event.requestBody, 'request-body', now, maxNodes, push);
  classifyBody(event.responseBody, 'response-body', now, maxNodes, push);

  if (matches.length === 0) return NOTHING_FOUND;
  const request = new Set<DataClass>();
  const response = new Set<DataClass>();
  for (const match of matches) {
    (match.location.startsWith('response') ? response : request).add(match.class);
  }
  const ordered = (set: ReadonlySet<DataClass>) => DATA_CLASSES.filter((c) => set.has(c));
  return {
    classes: DATA_CLASSES.filter((c) => request.has(c) || response.has(c)),
    requestClasses: ordered(request),
    responseClasses: ordered(response),
    matches,
  };
}

/** The (common) classification of a call that carries nothing sensitive: shared, nothing allocated. */
const NOTHING_FOUND: EventClassification = Object.freeze({
  classes: Object.freeze([]),
  requestClasses: Object.freeze([]),
  responseClasses: Object.freeze([]),
  matches: Object.freeze([]),
});

type Push = (classes: readonly DataClass[], location: DataLocation, pointer: string) => void;

function classifyHeaders(
  headers: Readonly<Record<string, string>>,
  location: DataLocation,
  now: number,
  push: Push,
): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (TRANSPORT_HEADERS.has(lower) || isSecretName(lower) || value.includes(REDACTED_TEXT)) continue;
    push(classifyValue(value, { fieldName: lower, now }), location, `/${lower}`);
  }
}

function classifyBody(
  body: BodySample | undefined,
  location: DataLocation,
  now: number,
  maxNodes: number,
  push: Push,
): void {
  const parsed = parseBodySample(body);
  if (parsed === undefined) return;
  if (typeof parsed === 'string') {
    push(classifyText(parsed, { now }), location, '');
    return;
  }
  for (const match of classifyJson(parsed, { maxNodes, now })) push([match.class], location, match.pointer);
}

function queryEntries(event: ApiEvent): [string, string][] {
  const entries: [string, string][] = [];
  if (event.query !== undefined) {
    for (const [name, value] of Object.entries(event.query)) {
      if (typeof value === 'string') entries.push([name, value]);
      else for (const item of value) entries.push([name, item]);
    }
    return entries;
  }
  const q = event.rawPath.indexOf('?');
  if (q < 0) return entries;
  try {
    for (const [name, value] of new URLSearchParams(event.rawPath.slice(q + 1))) entries.push([name, value]);
  } catch {
    // A query that cannot be decoded has nothing to classify.
  }
  return entries;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
