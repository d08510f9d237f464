import { decodePercent } from './decode/decode-percent.js';
import { type DecodeLimits, expandDecodings } from './decode/expand-decodings.js';
import { extractXmlValues } from './extract-xml-values.js';
import { INJECTION_CLASSES, type InjectionClass, isInjectionClass } from './injection-class.js';
import type { Detection, InjectionDetector, ValueKind } from './injection-detector.js';
import { INJECTION_DETECTORS } from './injection-detectors.js';
import type { InjectionHit } from './injection-hit.js';
import type { InspectInput } from './inspect-input.js';
import { parseCookieHeader } from './parse-cookie-header.js';
import { parseQueryString } from './parse-query-string.js';

/** Options for {@link createInjectionInspector}. */
export interface InjectionInspectorOptions {
  /** Classes to detect. Default: all of {@link INJECTION_CLASSES}. */
  readonly classes?: readonly InjectionClass[];
  /**
   * 1 reports hits scoring at least 0.7 (few false positives), 2 at least 0.5, 3 at least 0.3 (formatting HTML,
   * single `../`, bare template variables…). Default 1.
   */
  readonly paranoia?: 1 | 2 | 3;
  /**
   * Longest value inspected, in UTF-16 code units (bytes for ASCII). A longer value is inspected on its first
   * three quarters and last quarter of this budget; the middle is skipped. Default 16384.
   */
  readonly maxInputBytes?: number;
  /** Most decoding layers stacked on one value (URL inside base64 inside URL is 3). Default 3. */
  readonly maxDecodeDepth?: number;
  /** Most values inspected per request (parameters, headers, cookies, body leaves, keys). Default 1024. */
  readonly maxValues?: number;
  /** Deepest nesting of a JSON body (or JSON inside a string) that is walked. Default 32. */
  readonly maxDepth?: number;
}

/** An inspector built once (options validated, detectors selected) and used for every request. */
export interface InjectionInspector {
  /** Inspects every part of a request; returns at most one hit per class per location, best score first. */
  inspect(input: InspectInput): readonly InjectionHit[];
  /** Inspects one value found at `location` (e.g. `query.q`); the location's prefix says how it is treated. */
  inspectValue(value: string, location: string): readonly InjectionHit[];
}

const THRESHOLDS = { 1: 0.7, 2: 0.5, 3: 0.3 } as const;

/**
 * True when `value` holds only letters, digits, space, `_`, `.`, `,` and `-`: characters that carry no injection
 * on their own, so the value skips the analysis (after a check for keyword-only attacks). One pass, no regex.
 */
function isPlain(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
    if (c === 32 || c === 95 || c === 46 || c === 44 || c === 45) continue;
    return false;
  }
  return true;
}
/** Attacks that need no punctuation: SQL keywords, Java class names, serialized-object prefixes, base64. */
const PLAIN_SUSPECT =
  /union|select|waitfor|xp_cmdshell|sp_executesql|information_schema|sysobjects|sqlite_master|pg_catalog|java|ro0ab|aced0005|gasv|transformer|processbuilder|templatesimpl|getruntime|objectinputstream|scriptengine|classloader|rowset|xalan|closure|document\.|window\.|__proto__|prototype|constructor/i;
const BASE64_CANDIDATE = /^[A-Za-z0-9_-]{16,}$/;

/** Request headers with a fixed grammar: only Log4Shell and CRLF are looked for there. */
const STRUCTURED_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'accept-charset',
  'authorization',
  'proxy-authorization',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'content-encoding',
  'date',
  'dnt',
  'expect',
  'host',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'keep-alive',
  'pragma',
  'priority',
  'proxy-connection',
  'range',
  'te',
  'traceparent',
  'tracestate',
  'upgrade',
  'upgrade-insecure-requests',
  'origin',
]);
const STRUCTURED_CLASSES = new Set<InjectionClass>(['jndi', 'crlf']);

function kindOf(location: string): ValueKind {
  const dot = location.indexOf('.');
  const head = dot < 0 ? location : location.slice(0, dot);
  if (location.endsWith('[key]')) return 'key';
  switch (head) {
    case 'path':
      return 'path';
    case 'query':
      return 'query';
    case 'header':
      return 'header';
    case 'cookie':
      return 'cookie';
    default:
      return 'body';
  }
}

function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new TypeError(
      `createInjectionInspector: options.${name} must be a positive integer, got ${String(value)}`,
    );
  return value;
}

/** Untyped callers (the monitor replays stored events) may pass anything; only plain objects are walked. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string values of a parameter or header, tolerating what untyped callers pass (numbers, arrays, null). */
function valuesOf(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];
  if (typeof raw === 'number' || typeof raw === 'boolean') return [String(raw)];
  if (Array.isArray(raw))
    return raw.flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : []));
  return [];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Builds an injection inspector: the one analysis shared by the gateway (inline, per request) and the monitor
 * (per event). Each value is decoded in bounded layers (URL, double URL, HTML entities, Unicode and hex escapes,
 * base64, JSON inside strings) and every reading goes through the per-class detectors; plain alphanumeric values
 * are skipped by a one-regex prefilter. All regular expressions are linear, and work per value and per request is
 * bounded by `maxInputBytes`, `maxDecodeDepth`, `maxValues` and `maxDepth`.
 *
 * @throws TypeError when an option is malformed (unknown class, paranoia outside 1–3, non-positive limit).
 */
export function createInjectionInspector(options: InjectionInspectorOptions = {}): InjectionInspector {
  const classes = options.classes ?? INJECTION_CLASSES;
  for (const c of classes) {
    if (!isInjectionClass(c))
      throw new TypeError(
        `createInjectionInspector: options.classes contains ${JSON.stringify(c)}, which is not an injection class; use one of ${INJECTION_CLASSES.join(', ')}`,
      );
  }
  const paranoia = options.paranoia ?? 1;
  if (paranoia !== 1 && paranoia !== 2 && paranoia !== 3)
    throw new TypeError(
      `createInjectionInspector: options.paranoia must be 1, 2 or 3, got ${String(paranoia)}`,
    );
  const threshold = THRESHOLDS[paranoia];
  const maxInput = positiveInteger('maxInputBytes', options.maxInputBytes, 16_384);
  const maxValues = positiveInteger('maxValues', options.maxValues, 1024);
  const maxDepth = positiveInteger('maxDepth', options.maxDepth, 32);
  const limits: DecodeLimits = {
    maxDepth: positiveInteger('maxDecodeDepth', options.maxDecodeDepth, 3),
    maxTotalChars: maxInput * 4,
  };
  const wanted = new Set(classes);
  const detectors = INJECTION_DETECTORS.filter((d) => wanted.has(d.class));
  const structuredDetectors = detectors.filter((d) => STRUCTURED_CLASSES.has(d.class));
  const headerDetectors = detectors.filter((d) => d.class !== 'ssrf');

  function clip(value: string): string {
    if (value.length <= maxInput) return value;
    const head = Math.floor((maxInput * 3) / 4);
    return `${value.slice(0, head)}\n${value.slice(value.length - (maxInput - head))}`;
  }

  /** Runs `chosen` detectors over every decoded reading of `value`; pushes hits into `out`. */
  function analyse(
    raw: string,
    location: string,
    kind: ValueKind,
    chosen: readonly InjectionDetector[],
    out: InjectionHit[],
    budget: { values: number },
    depth: number,
    outerLayers: readonly string[],
  ): void {
    if (budget.values <= 0 || raw === '') return;
    budget.values--;
    const value = clip(raw);
    if (isPlain(value) && !PLAIN_SUSPECT.test(value) && !BASE64_CANDIDATE.test(value)) return;
    const best = new Map<InjectionClass, { detection: Detection; layers: readonly string[] }>();
    for (const variant of expandDecodings(value, limits)) {
      const lower = variant.text.toLowerCase();
      for (const detector of chosen) {
        if (!detector.gate.test(lower)) continue;
        const found = detector.detect(variant.text, lower, kind);
        if (found === undefined || found.score < threshold) continue;
        const previous = best.get(detector.class);
        if (previous === undefined || found.score > previous.detection.score)
          best.set(detector.class, { detection: found, layers: variant.layers });
      }
      // JSON carried inside a string: walk it as structure so keys ($ne, __proto__) are seen as keys.
      const trimmed = variant.text.trim();
      if (
        depth < maxDepth &&
        trimmed.length >= 2 &&
        ((trimmed.startsWith('{') && trimmed.endsWith('}')) ||
          (trimmed.startsWith('[') && trimmed.endsWith(']')))
      ) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(trimmed);
        } catch {
          parsed = undefined;
        }
        if (parsed !== undefined && typeof parsed === 'object' && parsed !== null)
          walk(parsed, location, out, budget, depth + 1, [...outerLayers, ...variant.layers, 'json']);
      }
    }
    for (const [cls, { detection, layers }] of best) {
      out.push({
        class: cls,
        score: Math.round(detection.score * 100) / 100,
        evidence: detection.evidence,
        location,
        decoded: [...outerLayers, ...layers],
        ruleId: detection.ruleId,
      });
    }
  }

  function walk(
    node: unknown,
    location: string,
    out: InjectionHit[],
    budget: { values: number },
    depth: number,
    layers: readonly string[],
  ): void {
    if (budget.values <= 0 || depth > maxDepth) return;
    if (typeof node === 'string') {
      analyse(node, location === 'body.' ? 'body' : location, 'body', detectors, out, budget, depth, layers);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length && budget.values > 0; i++)
        walk(node[i], `${location}/${i}`, out, budget, depth + 1, layers);
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        if (budget.values <= 0) break;
        const child = `${location}/${escapePointer(key)}`;
        analyse(key, `${child}[key]`, 'key', detectors, out, budget, depth, layers);
        walk((node as Record<string, unknown>)[key], child, out, budget, depth + 1, layers);
      }
    }
  }

  function inspectBody(body: unknown, out: InjectionHit[], budget: { values: number }): void {
    if (body === undefined || body === null) return;
    if (typeof body !== 'string') {
      walk(body, 'body.', out, budget, 0, []);
      return;
    }
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        walk(JSON.parse(trimmed), 'body.', out, budget, 0, []);
        return;
      } catch {
        // not JSON: inspected as text below
      }
    }
    // application/x-www-form-urlencoded: name=value pairs, no raw whitespace.
    if (/^[^\s=&]+=[^\s]*$/.test(trimmed) && trimmed.length <= maxInput * 4) {
      for (const [name, value] of parseQueryString(trimmed, maxValues)) {
        analyse(name, `body.${name}[key]`, 'key', detectors, out, budget, 0, []);
        analyse(value, `body.${name}`, 'body', detectors, out, budget, 0, []);
      }
      return;
    }
    analyse(body, 'body', 'body', detectors, out, budget, 0, []);
    if (trimmed.startsWith('<')) {
      // XML or HTML: each attribute value and text node on its own, as a WAF inspects XML:/*.
      for (const [name, value] of extractXmlValues(trimmed, maxValues))
        analyse(value, `body.${name}`, 'body', detectors, out, budget, 0, ['xml']);
    } else if (!/\s/.test(trimmed) && /[%+]/.test(trimmed)) {
      // A form-encoded value without a name (`%27+or+1%3D1`): read `+` as space.
      analyse(decodePercent(trimmed, true), 'body', 'body', detectors, out, budget, 0, ['form']);
    }
  }

  function inspect(input: InspectInput): readonly InjectionHit[] {
    const out: InjectionHit[] = [];
    const budget = { values: maxValues };
    if (typeof input.path === 'string' && input.path !== '') {
      const q = input.path.indexOf('?');
      const path = q < 0 ? input.path : input.path.slice(0, q);
      analyse(path, 'path', 'path', detectors, out, budget, 0, []);
      if (q >= 0) {
        for (const [name, value] of parseQueryString(input.path.slice(q + 1), maxValues)) {
          analyse(name, `query.${name}[key]`, 'key', detectors, out, budget, 0, []);
          analyse(value, `query.${name}`, 'query', detectors, out, budget, 0, []);
        }
      }
    }
    if (isRecord(input.query)) {
      for (const [name, raw] of Object.entries(input.query)) {
        analyse(name, `query.${name}[key]`, 'key', detectors, out, budget, 0, []);
        for (const value of valuesOf(raw))
          analyse(value, `query.${name}`, 'query', detectors, out, budget, 0, []);
      }
    }
    if (isRecord(input.headers)) {
      for (const [rawName, raw] of Object.entries(input.headers)) {
        const name = rawName.toLowerCase();
        for (const value of valuesOf(raw)) {
          if (name === 'cookie') {
            for (const [cookie, cookieValue] of parseCookieHeader(value))
              analyse(cookieValue, `cookie.${cookie}`, 'cookie', headerDetectors, out, budget, 0, []);
            analyse(value, 'header.cookie', 'header', structuredDetectors, out, budget, 0, []);
            continue;
          }
          const chosen =
            STRUCTURED_HEADERS.has(name) || name.startsWith('sec-') ? structuredDetectors : headerDetectors;
          analyse(value, `header.${name}`, 'header', chosen, out, budget, 0, []);
        }
      }
    }
    if (isRecord(input.cookies)) {
      for (const [name, value] of Object.entries(input.cookies))
        if (typeof value === 'string')
          analyse(value, `cookie.${name}`, 'cookie', headerDetectors, out, budget, 0, []);
    }
    inspectBody(input.body, out, budget);
    return out.sort((a, b) => b.score - a.score);
  }

  function inspectValue(value: string, location: string): readonly InjectionHit[] {
    const out: InjectionHit[] = [];
    const kind = kindOf(location);
    const chosen = kind === 'header' || kind === 'cookie' ? headerDetectors : detectors;
    analyse(value, location, kind, chosen, out, { values: maxValues }, 0, []);
    return out.sort((a, b) => b.score - a.score);
  }

  return { inspect, inspectValue };
}
