import type { Actor, ApiEvent } from '@rampart/core';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { extractObjectIds } from '../extract-object-ids.js';
import { isObjectId } from '../is-object-id.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveActorKey } from '../resolve-actor-key.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap } from '../state/create-lru-map.js';
import { createSlidingWindowLanes, type SlidingWindowLanes } from '../state/create-sliding-window-lanes.js';
import { createSmallMap, type SmallMap } from '../state/create-small-map.js';
import {
  createWindowedDistinctCounter,
  type WindowedDistinctCounter,
} from '../state/create-windowed-distinct-counter.js';

export interface BolaEnumerationOptions {
  /** Sliding window for the counts. Default 10 min. */
  readonly windowMs: number;
  /** Distinct object ids per actor and endpoint in the window before the supporting evidence is weighed. */
  readonly minDistinct: number;
  /** Distinct ids that fire on their own, whatever the answers were. */
  readonly hardDistinct: number;
  /** Share of those requests answered 401/403/404 that makes `minDistinct` ids an enumeration. */
  readonly failureRatio: number;
  /** Share of numeric ids that follow the previous one (|Δ| ≤ 2) that makes `minDistinct` ids an enumeration. */
  readonly sequentialRatio: number;
  /** Distinct ids read successfully that the principal was never given (ownership evidence). */
  readonly unownedDistinct: number;
  /** Object ids remembered per principal as given to it (from its responses and creations). */
  readonly ownedIdsPerPrincipal: number;
  /** Query parameter names that carry object ids. */
  readonly idQueryParameter: string;
}

/** Ids given to one principal. `incomplete` once a truncated body sample may have hidden some. */
interface OwnedIds {
  readonly ids: Set<string>;
  incomplete: boolean;
}

/** Lanes of {@link EndpointState.counts}: requests, refused requests, numeric ids, consecutive numeric ids. */
const REQUESTS = 0;
const FAILURES = 1;
const NUMERIC = 2;
const SEQUENTIAL = 3;

interface EndpointState {
  readonly ids: WindowedDistinctCounter;
  /** The four windowed counts, advanced together on every request (one ring instead of four). */
  readonly counts: SlidingWindowLanes;
  unowned: WindowedDistinctCounter | undefined;
  lastNumeric: number;
}

/** A decimal integer of at most 15 digits (exact as a double), else NaN; no regular expression, no allocation. */
function numericId(id: string): number {
  const length = id.length;
  if (length === 0 || length > 15) return Number.NaN;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(id);
}

export const bolaEnumeration = defineDetector<BolaEnumerationOptions>({
  id: 'bola-enumeration',
  title: 'Object enumeration (BOLA)',
  severity: 'high',
  owasp: 'API1',
  cwe: 639,
  description:
    'Counts the distinct object ids each principal (or address, when unauthenticated) requests per endpoint template ' +
    'in a sliding window. Many distinct ids fire when a large share were refused (401/403/404) or were consecutive ' +
    'numbers, or when there are very many. Ownership: ids a principal was given (ids in its own responses, objects ' +
    'it created) are remembered; successful reads of ids it was never given fire on their own (critical). ' +
    'Ownership is not judged for a principal whose id-bearing responses were truncated.',
  defaults: {
    windowMs: 10 * 60_000,
    minDistinct: 25,
    hardDistinct: 200,
    failureRatio: 0.3,
    sequentialRatio: 0.5,
    unownedDistinct: 10,
    ownedIdsPerPrincipal: 1024,
    idQueryParameter: '^(id|[a-z0-9]*_id|[a-zA-Z0-9]*Id)$',
  },
  create({ options, routes, limits }) {
    const idQuery = new RegExp(options.idQueryParameter);
    // Actor → endpoint → state. Nested rather than one map keyed by a concatenation, so lookups hash strings the
    // event already carries; an actor keeps at most 64 endpoints (an enumerator needs one).
    const actors = createLruMap<string, SmallMap<EndpointState>>(limits.maxTrackedKeys);
    const owned = createLruMap<string, OwnedIds>(limits.maxTrackedKeys);

    const objectIdOf = (event: ApiEvent, params: Readonly<Record<string, string>>): string | undefined => {
      let id: string | undefined;
      for (const name in params) {
        const value = params[name]!;
        if (isObjectId(value)) id = id === undefined ? value : `${id}/${value}`;
      }
      if (id !== undefined || event.query === undefined) return id;
      for (const name in event.query) {
        if (!idQuery.test(name)) continue;
        const value = event.query[name];
        const first = typeof value === 'string' ? value : value?.[0];
        if (first !== undefined && isObjectId(first)) return first;
      }
      return undefined;
    };

    const learnOwnership = (principal: string, event: ApiEvent) => {
      if (event.status < 200 || event.status >= 300) return;
      const text = event.responseBody?.text;
      const location = event.responseHeaders['location'];
      const created = event.method === 'POST' ? location?.slice(location.lastIndexOf('/') + 1) : undefined;
      if (text === undefined && created === undefined) return;
      let record = owned.get(principal);
      if (record === undefined) {
        record = { ids: new Set(), incomplete: false };
        owned.set(principal, record);
      }
      const set = record.ids;
      const add = (id: string) => {
        if (set.size < options.ownedIdsPerPrincipal) set.add(id);
        else record.incomplete = true;
      };
      if (text !== undefined) {
        const ids = extractObjectIds(text);
        for (const id of ids) add(id);
        if (ids.length > 0 && event.responseBody?.truncated === true) record.incomplete = true;
      }
      if (created !== undefined && created !== '') add(created);
    };

    return {
      observe(event, now) {
        const actor: Actor = resolveEventActor(event);
        const route = routes.resolve(event);
        const id = objectIdOf(event, route.params);
        const principal = actor.kind === 'principal' ? actor.value : undefined;
        if (id === undefined) {
          if (principal !== undefined) learnOwnership(principal, event);
          return NO_SIGNALS;
        }
        const actorKey = resolveActorKey(event);
        let endpoints = actors.get(actorKey);
        if (endpoints === undefined) {
          endpoints = createSmallMap();
          actors.set(actorKey, endpoints);
        }
        let state = endpoints.get(route.endpoint);
        if (state === undefined) {
          if (endpoints.size >= 64) endpoints.clear();
          state = {
            ids: createWindowedDistinctCounter({ windowMs: options.windowMs }),
            counts: createSlidingWindowLanes(options.windowMs, 5, 4),
            unowned: undefined,
            lastNumeric: Number.NaN,
          };
          endpoints.set(route.endpoint, state);
        }
        const counts = state.counts;
        const distinct = state.ids.add(id, now);
        const requests = counts.add(REQUESTS, now);
        const refused = event.status === 401 || event.status === 403 || event.status === 404;
        const failures = refused ? counts.add(FAILURES, now) : counts.total(FAILURES, now);
        let sequential = counts.total(SEQUENTIAL, now);
        let numeric = counts.total(NUMERIC, now);
        const n = numericId(id);
        if (!Number.isNaN(n)) {
          numeric = counts.add(NUMERIC, now);
          if (Math.abs(n - state.lastNumeric) <= 2 && n !== state.lastNumeric)
            sequential = counts.add(SEQUENTIAL, now);
          state.lastNumeric = n;
        }

        let unowned = 0;
        let ownershipKnown = false;
        if (principal !== undefined) {
          const record = owned.get(principal);
          // Ownership is judged only when every id given to the principal is known: a truncated list response
          // would make its own objects look foreign.
          const given = record?.ids;
          ownershipKnown = record !== undefined && !record.incomplete && record.ids.size > 0;
          const ok = event.status >= 200 && event.status < 300;
          const lastId = id.slice(id.lastIndexOf('/') + 1);
          if (ownershipKnown && ok && !given!.has(lastId) && !given!.has(id)) {
            state.unowned ??= createWindowedDistinctCounter({ windowMs: options.windowMs });
            unowned = state.unowned.add(id, now);
          } else if (state.unowned !== undefined) unowned = state.unowned.estimate(now);
          learnOwnership(principal, event);
        }

        const failureShare = failures / Math.max(1, requests);
        const sequentialShare = numeric > 0 ? sequential / numeric : 0;
        const byOwnership = unowned >= options.unownedDistinct;
        const byVolume =
          distinct >= options.hardDistinct ||
          (distinct >= options.minDistinct &&
            (failureShare >= options.failureRatio || sequentialShare >= options.sequentialRatio));
        if (!byOwnership && !byVolume) return NO_SIGNALS;

        const reasons: string[] = [];
        if (byOwnership) reasons.push(`${Math.round(unowned)} ids it was never given were read successfully`);
        if (byVolume) {
          reasons.push(`${Math.round(distinct)} distinct ids requested`);
          if (failureShare >= options.failureRatio)
            reasons.push(`${Math.round(failureShare * 100)}% refused`);
          if (sequentialShare >= options.sequentialRatio)
            reasons.push(`${Math.round(sequentialShare * 100)}% consecutive`);
        }
        const signal: DetectionSignal = {
          actor,
          target: route.endpoint,
          severity: byOwnership ? 'critical' : 'high',
          summary: `${route.endpoint}: ${reasons.join(', ')} in ${Math.round(options.windowMs / 60_000)} min`,
          eventIds: [event.id],
          details: {
            distinctIds: Math.round(distinct),
            requests,
            refused: failures,
            sequentialShare: Math.round(sequentialShare * 100) / 100,
            unownedIds: Math.round(unowned),
            ownershipKnown,
          },
        };
        return [signal];
      },
    };
  },
});
