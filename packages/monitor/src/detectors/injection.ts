import type { Severity } from '@rampart/core';
import { createInjectionInspector, type InjectionClass, type InjectionHit } from '@rampart/injection';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { parseRequestBody } from '../parse-request-body.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap, type LruMap } from '../state/create-lru-map.js';

export interface InjectionOptions {
  /** 1 reports hits scoring ≥ 0.7, 2 ≥ 0.5, 3 ≥ 0.3 (see @rampart/injection). */
  readonly paranoia: 1 | 2 | 3;
  /** Classes to look for; empty means all. */
  readonly classes: readonly InjectionClass[];
  /** Also inspect request headers (Log4Shell, CRLF and friends live there). */
  readonly inspectHeaders: boolean;
  /** Also inspect the request body sample. */
  readonly inspectBody: boolean;
  /** Memoized verdicts for repeated header values and query pairs. */
  readonly cacheEntries: number;
}

const SEVERITY: Partial<Record<InjectionClass, Severity>> = {
  jndi: 'critical',
  deserialization: 'critical',
  command: 'critical',
  crlf: 'medium',
};

/**
 * Paths made only of letters, digits and `/_.,~-`, with no `..`, no run of 16 or more `[A-Za-z0-9_-]` (base64)
 * and no keyword an injection can be spelled with, carry nothing to find; they skip the inspector (most API
 * paths). The character test and the run length are one scan ({@link isInertPath}); the keywords one regex.
 */
const SUSPECT_WORD_IN_PATH =
  /union|select|sleep|benchmark|waitfor|__proto__|prototype|constructor|java|ro0ab|aced0005|script|passwd|win\.ini|etc\/|proc\/|jndi/i;

/** Bit 1: allowed in an inert path (`[A-Za-z0-9/_.,~-]`); bit 2: part of a base64-like run (`[A-Za-z0-9_-]`). */
const PATH_CHAR = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9_-]/.test(ch)) table[c] = 3;
    else if (/[/.,~]/.test(ch)) table[c] = 1;
  }
  return table;
})();

/** True when `path` has only inert characters, no `..` and no 16-character base64-like run. */
function isInertPath(path: string): boolean {
  let run = 0;
  let previous = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const bits = c < 128 ? PATH_CHAR[c]! : 0;
    if (bits === 0) return false;
    if (bits === 3) {
      if (++run >= 16) return false;
    } else {
      run = 0;
      if (c === 46 && previous === 46) return false;
    }
    previous = c;
  }
  return true;
}

/** Memo categories: each part is memoized per name within its category. */
const QUERY_PAIR = 0;
const QUERY = 1;
const HEADER = 2;
const BODY = 3;
/** A body field whose value is a number, boolean or null: only its name is inspected, so the name is the key. */
const BODY_SCALAR = 4;

export const injection = defineDetector<InjectionOptions>({
  id: 'injection',
  title: 'Injection attempt',
  severity: 'high',
  owasp: 'API8',
  cwe: 74,
  description:
    'Runs @rampart/injection over the path (with its query string), the request headers (cookies included) and ' +
    'the request body sample, through its decoding layers (URL, double URL, base64, JSON, Unicode escapes): SQL, ' +
    'NoSQL operators, XSS, command, path traversal, SSRF targets, template, JNDI/Log4Shell, CRLF/log forging, ' +
    'serialized objects, LDAP, XXE, PHP. One alert per actor and injection class; JNDI, serialized objects and ' +
    'command injection are critical. The evidence is the matched fragment, truncated.',
  defaults: { paranoia: 1, classes: [], inspectHeaders: true, inspectBody: true, cacheEntries: 8192 },
  create({ options, routes }) {
    const inspector = createInjectionInspector({
      paranoia: options.paranoia,
      ...(options.classes.length > 0 ? { classes: options.classes } : {}),
    });
    // Headers and query pairs repeat across events (user agents, accept headers, `page=2`): their verdicts are
    // memoized, bounded, per category and part name, so a lookup hashes the value string the event already holds
    // and builds no key. Each is inspected exactly as `inspect` would inspect it within a whole request.
    const memos: Map<string, LruMap<string, readonly InjectionHit[]>>[] = [
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
    ];
    let memoParts = 0;
    const memoOf = (category: number, name: string): LruMap<string, readonly InjectionHit[]> => {
      const byName = memos[category]!;
      let memo = byName.get(name);
      if (memo === undefined) {
        if (memoParts >= 256) {
          for (const m of memos) m.clear();
          memoParts = 0;
        }
        memo = createLruMap(options.cacheEntries);
        byName.set(name, memo);
        memoParts++;
      }
      return memo;
    };
    /** The inspector's verdict on one part, as `inspect` gives it for a request holding only that part. */
    const inspectPart = (category: number, name: string, value: string): readonly InjectionHit[] => {
      switch (category) {
        case QUERY_PAIR:
          return inspector.inspect({ path: `/?${value}` });
        case QUERY:
          return inspector.inspect({ query: { [name]: value } });
        case HEADER:
          return inspector.inspect({ headers: { [name]: value } });
        case BODY:
          return inspector.inspect({ body: { [name]: value } });
        default:
          return inspector.inspect({ body: { [name]: null } });
      }
    };
    const cached = (category: number, name: string, value: string): readonly InjectionHit[] => {
      if (value.length > 512) return inspectPart(category, name, value);
      const memo = memoOf(category, name);
      let hits = memo.peek(value);
      if (hits === undefined) {
        hits = inspectPart(category, name, value);
        memo.set(value, hits);
      }
      return hits;
    };

    const scratch: InjectionHit[] = [];
    const collect = (found: readonly InjectionHit[]) => {
      for (let i = 0; i < found.length; i++) scratch.push(found[i]!);
    };

    return {
      observe(event) {
        // Hits of this event, in a scratch list emptied per event (no allocation for the usual clean event).
        const hits = scratch;
        hits.length = 0;
        const raw = event.rawPath;
        const q = raw.indexOf('?');
        const path = q < 0 ? raw : raw.slice(0, q);
        if (!isInertPath(path) || SUSPECT_WORD_IN_PATH.test(path)) {
          collect(inspector.inspect({ path }));
        }
        if (q >= 0) {
          let start = q + 1;
          while (start <= raw.length) {
            let end = raw.indexOf('&', start);
            if (end < 0) end = raw.length;
            if (end > start) {
              const pair = raw.slice(start, end);
              collect(cached(QUERY_PAIR, '', pair));
            }
            start = end + 1;
          }
        } else if (event.query !== undefined) {
          for (const name in event.query) {
            const value = event.query[name]!;
            if (typeof value === 'string') collect(cached(QUERY, name, value));
            else for (const v of value) collect(cached(QUERY, name, v));
          }
        }
        if (options.inspectHeaders) {
          const headers = event.requestHeaders;
          for (const name in headers) collect(cached(HEADER, name, headers[name]!));
        }
        if (options.inspectBody && event.requestBody?.text !== undefined) {
          const body = parseRequestBody(event);
          if (isFlatObject(body)) {
            // A flat JSON object (the usual API body): fields are memoized like query parameters.
            for (const key in body) {
              const value = body[key];
              if (typeof value === 'string') collect(cached(BODY, key, value));
              else collect(cached(BODY_SCALAR, key, ''));
            }
          } else if (body !== undefined) collect(inspector.inspect({ body }));
        }
        if (hits.length === 0) return NO_SIGNALS;
        hits.sort((a, b) => b.score - a.score);
        const actor = resolveEventActor(event);
        const endpoint = routes.resolve(event).endpoint;
        const seen = new Set<InjectionClass>();
        const signals: DetectionSignal[] = [];
        for (const hit of hits) {
          if (seen.has(hit.class)) continue;
          seen.add(hit.class);
          signals.push({
            actor,
            target: endpoint,
            targetClass: `injection:${hit.class}`,
            severity: SEVERITY[hit.class] ?? (hit.score >= 0.8 ? 'high' : 'medium'),
            summary: `${hit.class} injection in ${hit.location}${hit.decoded.length > 0 ? ` (after ${hit.decoded.join(' → ')} decoding)` : ''}: ${JSON.stringify(hit.evidence)}`,
            eventIds: [event.id],
            details: {
              class: hit.class,
              location: hit.location,
              ruleId: hit.ruleId,
              score: hit.score,
              evidence: hit.evidence,
              decoded: hit.decoded,
            },
          });
        }
        return signals;
      },
    };
  },
});

/** A JSON object of at most 32 scalar fields. */
function isFlatObject(value: unknown): value is Record<string, string | number | boolean | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let n = 0;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (++n > 32 || (typeof field === 'object' && field !== null)) return false;
  }
  return true;
}
