import { decodePercent } from './decode/decode-percent.js';
import { decodeBase64 } from './decode/decode-base64.js';
import { type DecodedVariant, type DecodeLimits, expandDecodings } from './decode/expand-decodings.js';
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
/** Index of each value kind among the verdict caches. */
const KIND_INDEX: Readonly<Record<ValueKind, number>> = {
  path: 0,
  query: 1,
  header: 2,
  cookie: 3,
  body: 4,
  key: 5,
  filename: 6,
  document: 7,
};
/** The detector sets, by index: every chosen detector, the structured-header set, the header set (no SSRF). */
const ALL = 0;
const STRUCTURED = 1;
const HEADER = 2;
const SET_COUNT = 3;
/** Decoding layers of a raw reading, shared (hits and verdicts copy or keep it, never change it). */
const NO_LAYERS: readonly string[] = Object.freeze([]);
/** Header categories beyond the detector sets: a `Cookie` header, and a header naming an uploaded file. */
const COOKIE_HEADER = 3;
const FILENAME_HEADER_SET = 4;
const MULTIPART_LAYERS: readonly string[] = Object.freeze(['multipart']);
const XML_LAYERS: readonly string[] = Object.freeze(['xml']);
const FORM_LAYERS: readonly string[] = Object.freeze(['form']);
/** `mark` of a location that is `head + name + tail` alone, outside a JSON walk. */
const FLAT = -1;
/** Only `aced0005` of {@link PLAIN_SUSPECT}'s words is written with the letters a–f alone (see `isPlainSuspect`). */
const HEX_SUSPECT = /aced0005/i;

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

/**
 * {@link PLAIN_SUSPECT}, answered without the long alternation for the commonest plain values: numbers and hex ids.
 * `mask` is the value's {@link scanCharClasses} mask and holds no {@link PUNCTUATION}. The regex is ASCII-only and
 * not Unicode-aware, so under `i` only ASCII letters fold to ASCII letters (ECMA-262 Canonicalize never maps a
 * character above U+007F to one below it). Every alternative but `::` contains an ASCII letter, and `:` is
 * punctuation: a value without letters cannot match. Every alternative but `aced0005` (and `::`) contains a letter
 * outside a–f: a value whose letters are all hex digits can only match that one.
 */
function isPlainSuspect(value: string, mask: number): boolean {
  if ((mask & CharClass.LETTER) === 0) return false;
  if ((mask & CharClass.NON_HEX_LETTER) === 0) return HEX_SUSPECT.test(value);
  return PLAIN_SUSPECT.test(value);
}

/** `location` of a JSON Pointer segment (RFC 6901 §3): `~` as `~0`, `/` as `~1`; most keys need neither. */
function escapePointer(segment: string): string {
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The location string of a value: `head + name`, then (inside a JSON walk, `mark >= 0`) the pointer segments
 * `segments[mark…]`, then `tail`. Built only for values that produce a hit or hold JSON to walk.
 */
function locate(
  head: string,
  name: string,
  mark: number,
  tail: string,
  segments: readonly (string | number)[],
): string {
  let location = head + name;
  if (mark >= 0)
    for (let i = mark; i < segments.length; i++) {
      const segment = segments[i] as string | number;
      location += `/${typeof segment === 'number' ? String(segment) : escapePointer(segment)}`;
    }
  return location + tail;
}

/** What one `inspect` call carries from value to value: the hits so far, the values left, the JSON path walked. */
interface Pass {
  readonly out: InjectionHit[];
  values: number;
  readonly segments: (string | number)[];
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

function byScore(a: InjectionHit, b: InjectionHit): number {
  return b.score - a.score;
}

/**
 * Builds an injection inspector: the one analysis shared by the gateway (inline, per request) and the monitor
 * (per event). Each value is decoded in bounded layers (URL, double URL, HTML entities, Unicode and hex escapes,
 * base64, JSON inside strings) and every reading goes through the per-class detectors; plain alphanumeric values
 * are skipped by a one-regex prefilter. All regular expressions are linear, and work per value and per request is
 * bounded by `maxInputBytes`, `maxDecodeDepth`, `maxValues` and `maxDepth`.
 *
 * The per-request path allocates little: a value's location is built only when it produces a hit, values with
 * one reading are not wrapped in arrays, and plain values are settled from the character-class mask where that
 * is provably the same answer as the full analysis (`test/inspect-equivalence.test.ts` compares every result
 * with a frozen copy of the straightforward implementation).
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
  // Indexed by ALL, STRUCTURED, HEADER. The trigger masks are copied into one typed array per set so the hot loop
  // reads numbers from one shape, not a property from thirteen detector objects.
  const sets: readonly (readonly InjectionDetector[])[] = [
    detectors,
    detectors.filter((d) => STRUCTURED_CLASSES.has(d.class)),
    detectors.filter((d) => d.class !== 'ssrf'),
  ];
  const triggers: readonly Int32Array[] = sets.map((set) => Int32Array.from(set, (d) => d.triggers));
  // Verdicts on values that repeat across requests, one cache per value kind and detector set (the verdict depends
  // on both, never on the name or position of the value). Values that contain JSON walked as structure are not
  // cached: their hits carry locations inside the value.
  const caches: VerdictCache<readonly Verdict[]>[] = [];
  for (let i = 0; i < Object.keys(KIND_INDEX).length * SET_COUNT; i++)
    caches.push(createVerdictCache(CACHE_ENTRIES));

  function clip(value: string): string {
    if (value.length <= maxInput) return value;
    const head = Math.floor((maxInput * 3) / 4);
    return `${value.slice(0, head)}\n${value.slice(value.length - (maxInput - head))}`;
  }

  /**
   * Runs the detectors of set `set` over every decoded reading of `raw`; pushes hits into `pass.out`. The value's
   * location is `locate(head, name, mark, tail, pass.segments)`, built only when needed.
   */
  function analyse(
    raw: string,
    head: string,
    name: string,
    mark: number,
    tail: string,
    kind: ValueKind,
    set: number,
    pass: Pass,
    depth: number,
    outerLayers: readonly string[],
  ): void {
    if (pass.values <= 0 || raw === '') return;
    pass.values--;
    const value = clip(raw);
    // One pass over the value decides everything that follows: a value of letters, digits, spaces, `_`, `.`, `,`
    // and `-` only carries no injection unless it names a keyword-only attack or is base64.
    const mask = scanCharClasses(value);
    const base64 = (mask & NOT_BASE64) === 0 && value.length >= 16 && (mask & CharClass.SPACE) === 0;
    if ((mask & PUNCTUATION) === 0) {
      // Structured headers are looked at by the JNDI and CRLF detectors only. Without punctuation and non-ASCII
      // characters, and unless it is base64, a value has one reading (no `%`, `&`, `\` or NFKC-foldable character
      // to decode; base64 decoding needs the BASE64_CANDIDATE shape here), no `{` or `[` to parse, no control
      // character for CRLF, and no `${` or `:` that every JNDI finding needs: nothing can fire, whatever the
      // keyword prefilter would say.
      if (
        set === STRUCTURED &&
        (mask & CharClass.NON_ASCII) === 0 &&
        !(base64 && BASE64_CANDIDATE.test(value))
      )
        return;
      if (
        kind !== 'filename' &&
        !isPlainSuspect(value, mask) &&
        !startsWithCommandName(value) &&
        !(base64 && BASE64_CANDIDATE.test(value))
      )
        return;
    }
    const cache =
      depth === 0 && outerLayers.length === 0 && value.length <= CACHED_LENGTH
        ? caches[KIND_INDEX[kind] * SET_COUNT + set]
        : undefined;
    const known = cache?.get(value);
    if (known !== undefined) {
      if (known.length === 0) return;
      const location = locate(head, name, mark, tail, pass.segments);
      for (const v of known) {
        pass.out.push({
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
    // Without %, &, \ and non-ASCII characters only the base64 layer can change the text: when it does not, the
    // value has its raw reading alone and the layers are not expanded.
    let variants: readonly DecodedVariant[] | undefined;
    if ((mask & DECODABLE) !== 0) variants = expandDecodings(value, limits);
    else if (base64) {
      const decoded = decodeBase64(value);
      if (decoded !== undefined && decoded !== value) variants = expandDecodings(value, limits);
    }
    const count = variants === undefined ? 1 : variants.length;
    const chosen = sets[set] as readonly InjectionDetector[];
    const chosenTriggers = triggers[set] as Int32Array;
    let best: Map<InjectionClass, { detection: Detection; layers: readonly string[] }> | undefined;
    let location: string | undefined;
    for (let v = 0; v < count; v++) {
      const variant = variants?.[v];
      const text = variant === undefined ? value : variant.text;
      const layers = variant === undefined ? NO_LAYERS : variant.layers;
      const lower = text.toLowerCase();
      const classes = v === 0 ? mask : scanCharClasses(text);
      for (let d = 0; d < chosen.length; d++) {
        const detector = chosen[d] as InjectionDetector;
        if (((chosenTriggers[d] as number) & classes) === 0 && !(detector.prefilter?.(lower, kind) ?? false))
          continue;
        const found = detector.detect(text, lower, kind);
        if (found === undefined || found.score < threshold) continue;
        best ??= new Map();
        const previous = best.get(detector.class);
        if (previous === undefined || found.score > previous.detection.score)
          best.set(detector.class, { detection: found, layers });
      }
      if ((classes & (CharClass.BRACE | CharClass.BRACKET)) === 0) continue;
      // JSON carried inside a string: walk it as structure so keys ($ne, __proto__) are seen as keys.
      const trimmed = text.trim();
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
          location ??= locate(head, name, mark, tail, pass.segments);
          walk(parsed, location, pass.segments.length, pass, depth + 1, [...outerLayers, ...layers, 'json']);
        }
      }
    }
    if (best === undefined) {
      if (cache !== undefined && !walked) cache.set(value, NO_VERDICTS);
      return;
    }
    location ??= locate(head, name, mark, tail, pass.segments);
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
      pass.out.push({
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

  /** Walks a parsed JSON value whose location is `head` followed by the pointer segments `pass.segments[mark…]`. */
  function walk(
    node: unknown,
    head: string,
    mark: number,
    pass: Pass,
    depth: number,
    layers: readonly string[],
  ): void {
    if (pass.values <= 0 || depth > maxDepth) return;
    const segments = pass.segments;
    if (typeof node === 'string') {
      // A string body at the top (`body.` with no segment) is located at `body`.
      const at = head === 'body.' && segments.length === mark ? 'body' : head;
      analyse(node, at, '', mark, '', 'body', ALL, pass, depth, layers);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length && pass.values > 0; i++) {
        segments.push(i);
        walk(node[i], head, mark, pass, depth + 1, layers);
        segments.pop();
      }
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      for (let k = 0; k < keys.length; k++) {
        if (pass.values <= 0) break;
        const key = keys[k] as string;
        segments.push(key);
        analyse(key, head, '', mark, '[key]', 'key', ALL, pass, depth, layers);
        walk((node as Record<string, unknown>)[key], head, mark, pass, depth + 1, layers);
        segments.pop();
      }
    }
  }

  function inspectBody(body: unknown, pass: Pass): void {
    if (body === undefined || body === null) return;
    if (typeof body !== 'string') {
      walk(body, 'body.', 0, pass, 0, NO_LAYERS);
      return;
    }
    const trimmed = body.trim();
    if (trimmed.startsWith('--')) {
      const parts = extractMultipartParts(trimmed, maxValues);
      if (parts.length > 0) {
        for (const part of parts) {
          if (part.filename !== undefined)
            analyse(
              part.filename,
              'body.',
              part.name,
              FLAT,
              '[filename]',
              'filename',
              ALL,
              pass,
              0,
              NO_LAYERS,
            );
          analyse(part.value, 'body.', part.name, FLAT, '', 'body', ALL, pass, 0, MULTIPART_LAYERS);
        }
        return;
      }
    }
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        walk(JSON.parse(trimmed), 'body.', 0, pass, 0, NO_LAYERS);
        return;
      } catch {
        // not JSON: inspected as text below
      }
    }
    // application/x-www-form-urlencoded: name=value pairs, no raw whitespace.
    if (/^[^\s=&]+=[^\s]*$/.test(trimmed) && trimmed.length <= maxInput * 4) {
      for (const [name, value] of parseQueryString(trimmed, maxValues)) {
        analyse(name, 'body.', name, FLAT, '[key]', 'key', ALL, pass, 0, NO_LAYERS);
        analyse(value, 'body.', name, FLAT, '', 'body', ALL, pass, 0, NO_LAYERS);
      }
      return;
    }
    analyse(
      body,
      'body',
      '',
      FLAT,
      '',
      trimmed.startsWith('<') ? 'document' : 'body',
      ALL,
      pass,
      0,
      NO_LAYERS,
    );
    if (trimmed.startsWith('<')) {
      // XML or HTML: each attribute value and text node on its own, as a WAF inspects XML:/*.
      for (const [name, value] of extractXmlValues(trimmed, maxValues))
        analyse(value, 'body.', name, FLAT, '', 'body', ALL, pass, 0, XML_LAYERS);
    } else if (!/\s/.test(trimmed) && /[%+]/.test(trimmed)) {
      // A form-encoded value without a name (`%27+or+1%3D1`): read `+` as space.
      analyse(decodePercent(trimmed, true), 'body', '', FLAT, '', 'body', ALL, pass, 0, FORM_LAYERS);
    }
  }

  /**
   * The query string of the request target, from `from` on: the pairs of `parseQueryString(…, maxValues)`, each
   * decoded and inspected as it is found instead of collected first.
   */
  function inspectQueryString(target: string, from: number, pass: Pass): void {
    let pairs = 0;
    let start = from;
    while (start <= target.length) {
      if (pairs >= maxValues) break;
      let end = target.indexOf('&', start);
      if (end < 0) end = target.length;
      if (end > start) {
        pairs++;
        const eq = target.indexOf('=', start);
        const name = decodePercent(
          eq < 0 || eq > end ? target.slice(start, end) : target.slice(start, eq),
          true,
        );
        const value = eq < 0 || eq > end ? '' : decodePercent(target.slice(eq + 1, end), true);
        analyse(name, 'query.', name, FLAT, '[key]', 'key', ALL, pass, 0, NO_LAYERS);
        analyse(value, 'query.', name, FLAT, '', 'query', ALL, pass, 0, NO_LAYERS);
      }
      start = end + 1;
    }
  }

  /** One value of header `name` (lower-cased). */
  function inspectHeader(name: string, value: string, set: number, pass: Pass): void {
    if (set === COOKIE_HEADER) {
      for (const [cookie, cookieValue] of parseCookieHeader(value)) {
        // Cookie names are attacker-chosen too (some frameworks parse them like parameters).
        if (cookie !== '')
          analyse(cookie, 'cookie.', cookie, FLAT, '[key]', 'key', HEADER, pass, 0, NO_LAYERS);
        analyse(cookieValue, 'cookie.', cookie, FLAT, '', 'cookie', HEADER, pass, 0, NO_LAYERS);
      }
      analyse(value, 'header.cookie', '', FLAT, '', 'header', STRUCTURED, pass, 0, NO_LAYERS);
    } else if (set === FILENAME_HEADER_SET)
      analyse(value, 'header.', name, FLAT, '[filename]', 'filename', ALL, pass, 0, NO_LAYERS);
    else analyse(value, 'header.', name, FLAT, '', 'header', set, pass, 0, NO_LAYERS);
  }

  function inspect(input: InspectInput): readonly InjectionHit[] {
    const pass: Pass = { out: [], values: maxValues, segments: [] };
    const target = input.path;
    if (typeof target === 'string' && target !== '') {
      const q = target.indexOf('?');
      analyse(q < 0 ? target : target.slice(0, q), 'path', '', FLAT, '', 'path', ALL, pass, 0, NO_LAYERS);
      if (q >= 0) inspectQueryString(target, q + 1, pass);
    }
    const query = input.query;
    if (isRecord(query)) {
      const names = Object.keys(query);
      for (let n = 0; n < names.length; n++) {
        const name = names[n] as string;
        const raw: unknown = query[name];
        analyse(name, 'query.', name, FLAT, '[key]', 'key', ALL, pass, 0, NO_LAYERS);
        // The string values of a parameter, tolerating what untyped callers pass (numbers, arrays, null).
        if (typeof raw === 'string') analyse(raw, 'query.', name, FLAT, '', 'query', ALL, pass, 0, NO_LAYERS);
        else if (typeof raw === 'number' || typeof raw === 'boolean')
          analyse(String(raw), 'query.', name, FLAT, '', 'query', ALL, pass, 0, NO_LAYERS);
        else if (Array.isArray(raw))
          for (const v of raw) {
            if (typeof v === 'string') analyse(v, 'query.', name, FLAT, '', 'query', ALL, pass, 0, NO_LAYERS);
            else if (typeof v === 'number')
              analyse(String(v), 'query.', name, FLAT, '', 'query', ALL, pass, 0, NO_LAYERS);
          }
      }
    }
    const headers = input.headers;
    if (isRecord(headers)) {
      const names = Object.keys(headers);
      for (let n = 0; n < names.length; n++) {
        const rawName = names[n] as string;
        const raw: unknown = headers[rawName];
        const name = rawName.toLowerCase();
        const set =
          name === 'cookie'
            ? COOKIE_HEADER
            : name.charCodeAt(0) === 120 /* x */ && FILENAME_HEADER.test(name)
              ? FILENAME_HEADER_SET
              : STRUCTURED_HEADERS.has(name) || name.startsWith('sec-')
                ? STRUCTURED
                : HEADER;
        if (typeof raw === 'string') inspectHeader(name, raw, set, pass);
        else if (typeof raw === 'number' || typeof raw === 'boolean')
          inspectHeader(name, String(raw), set, pass);
        else if (Array.isArray(raw))
          for (const v of raw) {
            if (typeof v === 'string') inspectHeader(name, v, set, pass);
            else if (typeof v === 'number') inspectHeader(name, String(v), set, pass);
          }
      }
    }
    const cookies = input.cookies;
    if (isRecord(cookies)) {
      const names = Object.keys(cookies);
      for (let n = 0; n < names.length; n++) {
        const name = names[n] as string;
        const value: unknown = cookies[name];
        if (typeof value === 'string')
          analyse(value, 'cookie.', name, FLAT, '', 'cookie', HEADER, pass, 0, NO_LAYERS);
      }
    }
    inspectBody(input.body, pass);
    return pass.out.length > 1 ? pass.out.sort(byScore) : pass.out;
  }

  function inspectValue(value: string, location: string): readonly InjectionHit[] {
    const pass: Pass = { out: [], values: maxValues, segments: [] };
    const kind = kindOf(location);
    const set = kind === 'header' || kind === 'cookie' || location.startsWith('cookie.') ? HEADER : ALL;
    analyse(value, location, '', FLAT, '', kind, set, pass, 0, NO_LAYERS);
    return pass.out.length > 1 ? pass.out.sort(byScore) : pass.out;
  }

  return { inspect, inspectValue };
}
