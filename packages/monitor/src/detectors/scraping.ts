import type { Actor } from '@rampart/core';
import { defineDetector } from '../define-detector.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveActorKey } from '../resolve-actor-key.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap } from '../state/create-lru-map.js';
import { createSlidingWindowLanes, type SlidingWindowLanes } from '../state/create-sliding-window-lanes.js';
import { hashString } from '../state/hash-string.js';

export interface ScrapingOptions {
  readonly windowMs: number;
  /** Requests in the window before any judgement. */
  readonly minRequests: number;
  /** Inter-arrival coefficient of variation below which timing is machine-regular. */
  readonly regularityCv: number;
  /** Regular timing only counts when the mean interval is below this. */
  readonly maxRegularIntervalMs: number;
  /** Share of distinct paths among the last 64 requests that marks a crawl. */
  readonly uniqueness: number;
  /** Sustained requests per minute over the window. */
  readonly ratePerMinute: number;
  /** Detail reads per list read (GETs of `/x/{id}` vs `/x`) that skip the business flow. */
  readonly detailPerList: number;
  /** How many of the four criteria must hold; one of them must be regularity or flow order. */
  readonly minCriteria: number;
}

const HISTORY = 64;

/** Lanes of {@link ActorState.counts}. */
const REQUESTS = 0;
const DETAILS = 1;
const LISTS = 2;

interface ActorState {
  /**
   * The last {@link HISTORY} arrival times and path hashes, as plain arrays that grow to their full size only for
   * actors that make that many requests (typed arrays would cost two off-heap buffers for every one-request actor).
   */
  readonly arrivals: number[];
  readonly paths: number[];
  /** Requests seen in total (index into the rings). */
  seen: number;
  /** Requests, detail reads and list reads in the window, advanced together on every request. */
  readonly counts: SlidingWindowLanes;
}

export const scraping = defineDetector<ScrapingOptions>({
  id: 'scraping',
  title: 'Scraping or automated business-flow abuse',
  severity: 'medium',
  owasp: 'API6',
  cwe: 799,
  description:
    'Per actor, keeps the last 64 arrival times and paths plus windowed counts of detail and list reads, and ' +
    'scores four criteria: machine-regular timing (low coefficient of variation of inter-arrival times), ' +
    'endpoint uniqueness (almost every path new), sustained rate, and business-flow order (detail pages without ' +
    'the list pages people navigate from). It fires when enough criteria hold and one of them is regularity or ' +
    'flow order, so a busy person (irregular, uses lists) and a steady health check (one path) stay quiet.',
  defaults: {
    windowMs: 5 * 60_000,
    minRequests: 40,
    regularityCv: 0.35,
    maxRegularIntervalMs: 20_000,
    uniqueness: 0.8,
    ratePerMinute: 60,
    detailPerList: 15,
    minCriteria: 2,
  },
  create({ options, routes, limits }) {
    const actors = createLruMap<string, ActorState>(limits.maxTrackedKeys);
    const seenPaths = new Set<number>();
    return {
      observe(event, now) {
        const actor: Actor = resolveEventActor(event);
        const key = resolveActorKey(event);
        let state = actors.get(key);
        if (state === undefined) {
          state = {
            arrivals: [],
            paths: [],
            seen: 0,
            counts: createSlidingWindowLanes(options.windowMs, 5, 3),
          };
          actors.set(key, state);
        }
        const slot = state.seen % HISTORY;
        if (slot === state.arrivals.length) {
          state.arrivals.push(now);
          state.paths.push(hashString(event.path));
        } else {
          state.arrivals[slot] = now;
          state.paths[slot] = hashString(event.path);
        }
        state.seen++;
        const counts = state.counts;
        const requests = counts.add(REQUESTS, now);
        let details = counts.total(DETAILS, now);
        let lists = counts.total(LISTS, now);
        if (event.method === 'GET') {
          const route = routes.resolve(event);
          if (route.template.endsWith('}')) details = counts.add(DETAILS, now);
          else lists = counts.add(LISTS, now);
        }
        // Judging costs a pass over the rings: do it every 8th request once there is enough history.
        if (requests < options.minRequests || state.seen < HISTORY / 2 || state.seen % 8 !== 0)
          return NO_SIGNALS;

        const n = Math.min(state.seen, HISTORY);
        const ordered: number[] = [];
        for (let i = state.seen - n; i < state.seen; i++) ordered.push(state.arrivals[i % HISTORY]!);
        let sum = 0;
        let sumSq = 0;
        for (let i = 1; i < n; i++) {
          const d = ordered[i]! - ordered[i - 1]!;
          sum += d;
          sumSq += d * d;
        }
        const mean = sum / (n - 1);
        const variance = Math.max(0, sumSq / (n - 1) - mean * mean);
        const cv = mean > 0 ? Math.sqrt(variance) / mean : 0;
        seenPaths.clear();
        for (let i = 0; i < n; i++) seenPaths.add(state.paths[i]!);
        const uniqueness = seenPaths.size / n;
        const perMinute = requests / (options.windowMs / 60_000);

        const regular = cv < options.regularityCv && mean < options.maxRegularIntervalMs && mean > 0;
        const unique = uniqueness >= options.uniqueness;
        const fast = perMinute >= options.ratePerMinute;
        const flow = details >= 20 && details / (lists + 1) >= options.detailPerList;
        const criteria = Number(regular) + Number(unique) + Number(fast) + Number(flow);
        if (criteria < options.minCriteria || !(regular || flow)) return NO_SIGNALS;
        const reasons = [
          regular ? `regular timing (CV ${cv.toFixed(2)}, every ${Math.round(mean)} ms)` : '',
          unique ? `${Math.round(uniqueness * 100)}% distinct paths` : '',
          fast ? `${Math.round(perMinute)} requests/min` : '',
          flow ? `${details} detail reads for ${lists} list reads` : '',
        ].filter((r) => r !== '');
        return [
          {
            actor,
            target: routes.resolve(event).endpoint,
            targetClass: 'automation',
            summary: `automated traffic: ${reasons.join(', ')}`,
            eventIds: [event.id],
            details: {
              cv: Math.round(cv * 100) / 100,
              meanIntervalMs: Math.round(mean),
              uniqueness: Math.round(uniqueness * 100) / 100,
              requestsPerMinute: Math.round(perMinute),
              detailReads: details,
              listReads: lists,
              criteria,
            },
          },
        ];
      },
    };
  },
});
