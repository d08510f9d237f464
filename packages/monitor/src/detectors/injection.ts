import type { Severity } from '@rampart/core';
import { createInjectionInspector, type InjectionClass, type InjectionHit } from '@rampart/injection';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { parseBodySample } from '../parse-body-sample.js';
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
 * Paths made only of letters, digits and `/_.,~-`, with no `..`, no segment long enough to be base64 and no
 * keyword an injection can be spelled with, carry nothing to find; they skip the inspector (most API paths).
 */
const INERT_PATH = /^[A-Za-z0-9/_.,~-]*$/;
const SUSPECT_IN_PATH =
  /[A-Za-z0-9_-]{16,}|union|select|sleep|benchmark|waitfor|__proto__|prototype|constructor|java|ro0ab|aced0005|script|passwd|win\.ini|etc\/|proc\/|file:|https?:|jndi|\$/i;

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
    // memoized, bounded, per part name, so a lookup hashes the value string the event already holds. Each is
    // inspected exactly as `inspect` would inspect it within a whole request.
    const memos = new Map<string, LruMap<string, readonly InjectionHit[]>>();
    const cached = (
      part: string,
      value: string,
      run: () => readonly InjectionHit[],
    ): readonly InjectionHit[] => {
      if (value.length > 512) return run();
      let memo = memos.get(part);
      if (memo === undefined) {
        if (memos.size >= 256) memos.clear();
        memo = createLruMap(options.cacheEntries);
        memos.set(part, memo);
      }
      let hits = memo.peek(value);
      if (hits === undefined) {
        hits = run();
        memo.set(value, hits);
      }
      return hits;
    };

    return {
      observe(event) {
        let hits: InjectionHit[] | undefined;
        const collect = (found: readonly InjectionHit[]) => {
          if (found.length === 0) return;
          if (hits === undefined) hits = [];
          hits.push(...found);
        };
        const raw = event.rawPath;
        const q = raw.indexOf('?');
        const path = q < 0 ? raw : raw.slice(0, q);
        if (!INERT_PATH.test(path) || path.includes('..') || SUSPECT_IN_PATH.test(path)) {
          collect(inspector.inspect({ path }));
        }
        if (q >= 0) {
          for (const pair of raw.slice(q + 1).split('&')) {
            if (pair !== '') collect(cached('query', pair, () => inspector.inspect({ path: `/?${pair}` })));
          }
        } else if (event.query !== undefined) {
          for (const name in event.query) {
            const value = event.query[name]!;
            const values = typeof value === 'string' ? [value] : value;
            for (const v of values) {
              collect(cached(`query.${name}`, v, () => inspector.inspect({ query: { [name]: v } })));
            }
          }
        }
        if (options.inspectHeaders) {
          const headers = event.requestHeaders;
          for (const name in headers) {
            const value = headers[name]!;
            collect(cached(name, value, () => inspector.inspect({ headers: { [name]: value } })));
          }
        }
        if (options.inspectBody && event.requestBody?.text !== undefined) {
          const body = parseBodySample(event.requestBody);
          if (isFlatObject(body)) {
            // A flat JSON object (the usual API body): fields are memoized like query parameters.
            for (const key in body) {
              const value = body[key];
              collect(
                cached(`body.${key}`, String(value), () => inspector.inspect({ body: { [key]: value } })),
              );
            }
          } else if (body !== undefined) collect(inspector.inspect({ body }));
        }
        if (hits === undefined) return NO_SIGNALS;
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
