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
import { CharClass, PUNCTUATION } from './prefilter/char-class.js';
import { scanCharClasses } from './prefilter/scan-char-classes.js';
import { startsWithCommandName } from './detectors/starts-with-command-name.js';
import { extractMultipartParts } from './extract-multipart-parts.js';
import { createVerdictCache, type VerdictCache } from './create-verdict-cache.js';

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
 * Attacks that need no punctuation: SQL keywords, Java class names, serialized-object prefixes, DOM globals,
 * server-side JavaScript, batch keywords, internal host names, PostgreSQL casts, dumps and logs by name.
 */
const PLAIN_SUSPECT =
  /union|select|waitfor|xp_|sp_|information_schema|sysobjects|sqlite_master|pg_catalog|tempdb|msdb|msys|java|ro0ab|aced0005|gasv|transformer|processbuilder|templatesimpl|getruntime|objectinputstream|scriptengine|classloader|rowset|xalan|closure|document|window|proto|constructor|jndi|process|console|module|require|function|while|invoke-|iex|if |for |localhost|internal|metadata|instance-data|cluster|::|\.(?:sql|bak|old|orig|swp|dump|backup|log)\b/i;
/** A value made only of base64 (or base64url) characters, long enough to carry a payload. */
const BASE64_CANDIDATE = /^[A-Za-z0-9_-]{16,}$/;
/** Classes whose presence means a decoding layer may change the text: %, &, \, + and non-ASCII. */
const DECODABLE = CharClass.PERCENT | CharClass.PIPE_AMP | CharClass.BACKSLASH | CharClass.NON_ASCII;
/** Classes of base64: a value with any other punctuation is not base64. */
const NOT_BASE64 = PUNCTUATION & ~(CharClass.PLUS | CharClass.SLASH | CharClass.EQUALS) & ~CharClass.COLON;

/** Request headers that name an uploaded file: a script extension there is an upload of executable code. */
const FILENAME_HEADER = /^x[-_.]?file[-_.]?name$/;

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

/** What `analyse` found in one value, without where the value was: replayed for the same value elsewhere. */
interface Verdict {
  readonly class: InjectionClass;
  readonly score: number;
  readonly evidence: string;
  readonly layers: readonly string[];
  readonly ruleId: string;
}
const NO_VERDICTS: readonly Verdict[] = Object.freeze([]);
/** Longest value whose verdict is remembered (user agents, `Accept` values, ids, short fields). */
const CACHED_LENGTH = 512;
/** Values remembered per value kind and detector set. */
const CACHE_ENTRIES = 2048;
const KINDS: readonly ValueKind[] = [
  'path',
  'query',
  'header',
  'cookie',
  'body',
  'key',
  'filename',
  'document',
];

function kindOf(location: string): ValueKind {
  const dot = location.indexOf('.');
  const head = dot < 0 ? location : location.slice(0, dot);
  if (location.endsWith('[key]')) return 'key';
  if (location.endsWith('[filename]')) return 'filename';
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
  // Verdicts on values that repeat across requests, one cache per value kind and detector set (the verdict depends
  // on both, never on the name or position of the value). Values that contain JSON walked as structure are not
  // cached: their hits carry locations inside the value.
  const detectorSets: readonly (readonly InjectionDetector[])[] = [
    detectors,
    structuredDetectors,
    headerDetectors,
  ];
  const caches: VerdictCache<readonly Verdict[]>[] = [];
  for (let i = 0; i < KINDS.length * detectorSets.length; i++) caches.push(createVerdictCache(CACHE_ENTRIES));
  const cacheFor = (kind: ValueKind, chosen: readonly InjectionDetector[]) =>
    caches[KINDS.indexOf(kind) * detectorSets.length + detectorSets.indexOf(chosen)];

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
    // One pass over the value decides everything that follows: a value of letters, digits, spaces, `_`, `.`, `,`
    // and `-` only carries no injection unless it names a keyword-only attack or is base64.
    const mask = scanCharClasses(value);
    const base64 = (mask & NOT_BASE64) === 0 && value.length >= 16 && (mask & CharClass.SPACE) === 0;
    if (
      (mask & PUNCTUATION) === 0 &&
      kind !== 'filename' &&
      !PLAIN_SUSPECT.test(value) &&
      !startsWithCommandName(value) &&
      !(base64 && BASE64_CANDIDATE.test(value))
    )
      return;
    const cache =
      depth === 0 && outerLayers.length === 0 && value.length <= CACHED_LENGTH
        ? cacheFor(kind, chosen)
        : undefined;
    const known = cache?.get(value);
    if (known !== undefined) {
      for (const v of known) {
        out.push({
          class: v.class,
          score: v.score,
          evidence: v.evidence,
          location,
          decoded: [...v.layers],
          ruleId: v.ruleId,
        });
      }
      return;
    }
    let walked = false;
    const variants =
      (mask & DECODABLE) !== 0 || base64 ? expandDecodings(value, limits) : [{ text: value, layers: [] }];
    let best: Map<InjectionClass, { detection: Detection; layers: readonly string[] }> | undefined;
    for (let v = 0; v < variants.length; v++) {
      const variant = variants[v] as { text: string; layers: readonly string[] };
      const lower = variant.text.toLowerCase();
      const classes = v === 0 ? mask : scanCharClasses(variant.text);
      for (const detector of chosen) {
        if ((detector.triggers & classes) === 0 && !(detector.prefilter?.(lower, kind) ?? false)) continue;
        const found = detector.detect(variant.text, lower, kind);
        if (found === undefined || found.score < threshold) continue;
        best ??= new Map();
        const previous = best.get(detector.class);
        if (previous === undefined || found.score > previous.detection.score)
          best.set(detector.class, { detection: found, layers: variant.layers });
      }
      if ((classes & (CharClass.BRACE | CharClass.BRACKET)) === 0) continue;
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
        if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) {
          walked = true;
          walk(parsed, location, out, budget, depth + 1, [...outerLayers, ...variant.layers, 'json']);
        }
      }
    }
    if (best === undefined) {
      if (cache !== undefined && !walked) cache.set(value, NO_VERDICTS);
      return;
    }
    const verdicts: Verdict[] = [];
    for (const [cls, { detection, layers }] of best) {
      const verdict: Verdict = {
        class: cls,
        score: Math.round(detection.score * 100) / 100,
        evidence: detection.evidence,
        layers,
        ruleId: detection.ruleId,
      };
      verdicts.push(verdict);
      out.push({
        class: cls,
        score: verdict.score,
        evidence: detection.evidence,
        location,
        decoded: [...outerLayers, ...layers],
        ruleId: detection.ruleId,
      });
    }
    if (cache !== undefined && !walked) cache.set(value, verdicts);
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
    if (trimmed.startsWith('--')) {
      const parts = extractMultipartParts(trimmed, maxValues);
      if (parts.length > 0) {
        for (const part of parts) {
          if (part.filename !== undefined)
            analyse(part.filename, `body.${part.name}[filename]`, 'filename', detectors, out, budget, 0, []);
          analyse(part.value, `body.${part.name}`, 'body', detectors, out, budget, 0, ['multipart']);
        }
        return;
      }
    }
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
    analyse(body, 'body', trimmed.startsWith('<') ? 'document' : 'body', detectors, out, budget, 0, []);
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
            for (const [cookie, cookieValue] of parseCookieHeader(value)) {
              // Cookie names are attacker-chosen too (some frameworks parse them like parameters).
              if (cookie !== '')
                analyse(cookie, `cookie.${cookie}[key]`, 'key', headerDetectors, out, budget, 0, []);
              analyse(cookieValue, `cookie.${cookie}`, 'cookie', headerDetectors, out, budget, 0, []);
            }
            analyse(value, 'header.cookie', 'header', structuredDetectors, out, budget, 0, []);
            continue;
          }
          if (FILENAME_HEADER.test(name)) {
            analyse(value, `header.${name}[filename]`, 'filename', detectors, out, budget, 0, []);
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
    const chosen =
      kind === 'header' || kind === 'cookie' || location.startsWith('cookie.') ? headerDetectors : detectors;
    analyse(value, location, kind, chosen, out, { values: maxValues }, 0, []);
    return out.sort((a, b) => b.score - a.score);
  }

  return { inspect, inspectValue };
}
