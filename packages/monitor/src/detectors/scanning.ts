import type { Actor } from '@rampart/core';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveActorKey } from '../resolve-actor-key.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createLruMap } from '../state/create-lru-map.js';
import { createSlidingWindowLanes, type SlidingWindowLanes } from '../state/create-sliding-window-lanes.js';
import {
  createWindowedDistinctCounter,
  type WindowedDistinctCounter,
} from '../state/create-windowed-distinct-counter.js';

export interface ScanningOptions {
  /** Window of the error burst. */
  readonly burstWindowMs: number;
  /** 401/403/404/405 answers in the burst window. */
  readonly burstErrors: number;
  /** Share of the actor's requests that were those errors. */
  readonly burstErrorRatio: number;
  /** Distinct paths among the errors (a client retrying one broken link is not a scanner). */
  readonly burstDistinctPaths: number;
  /** Window of forced browsing. */
  readonly browsingWindowMs: number;
  /** Distinct not-found paths (404, or no documented template) in the browsing window. */
  readonly browsingPaths: number;
  /** Share of the actor's requests in the browsing window that were not found. */
  readonly browsingRatio: number;
}

/** Lanes of {@link ActorState.burst} and {@link ActorState.browsing}: all requests, and the errors or misses. */
const REQUESTS = 0;
const ERRORS = 1;
const MISSES = 1;

interface ActorState {
  /** Requests and 401/403/404/405 answers in the burst window. */
  readonly burst: SlidingWindowLanes;
  /** Requests and not-found answers in the browsing window. */
  readonly browsing: SlidingWindowLanes;
  readonly errorPaths: WindowedDistinctCounter;
  readonly missingPaths: WindowedDistinctCounter;
}

const PROBE_STATUSES = new Set([401, 403, 404, 405]);

export const scanning = defineDetector<ScanningOptions>({
  id: 'scanning',
  title: 'Scanning or forced browsing',
  severity: 'medium',
  owasp: 'API8',
  cwe: 425,
  description:
    'Per actor, counts 401/403/404/405 answers in a one-minute window and the distinct paths among them; a burst ' +
    '(25 errors, at least half of its requests, over 5 or more paths) is a scan. Forced browsing is 15 or more ' +
    'distinct not-found paths (404, or no documented template when a description is loaded) in five minutes, ' +
    'making up at least 30% of its requests.',
  defaults: {
    burstWindowMs: 60_000,
    burstErrors: 25,
    burstErrorRatio: 0.5,
    burstDistinctPaths: 5,
    browsingWindowMs: 5 * 60_000,
    browsingPaths: 15,
    browsingRatio: 0.3,
  },
  create({ options, routes, limits }) {
    const actors = createLruMap<string, ActorState>(limits.maxTrackedKeys);
    return {
      observe(event, now) {
        const actor: Actor = resolveEventActor(event);
        const key = resolveActorKey(event);
        let state = actors.get(key);
        const probe = PROBE_STATUSES.has(event.status);
        if (state === undefined) {
          // Actors that never erred cost nothing: state is created on the first error.
          if (!probe) return NO_SIGNALS;
          state = {
            burst: createSlidingWindowLanes(options.burstWindowMs, 4, 2),
            browsing: createSlidingWindowLanes(options.browsingWindowMs, 5, 2),
            errorPaths: createWindowedDistinctCounter({ windowMs: options.burstWindowMs, exactLimit: 64 }),
            missingPaths: createWindowedDistinctCounter({
              windowMs: options.browsingWindowMs,
              exactLimit: 64,
            }),
          };
          actors.set(key, state);
        }
        const requests = state.burst.add(REQUESTS, now);
        const browsingRequests = state.browsing.add(REQUESTS, now);
        if (!probe) return NO_SIGNALS;
        const errors = state.burst.add(ERRORS, now);
        const errorPaths = state.errorPaths.add(event.path, now);
        const missing = event.status === 404 || routes.resolve(event).documentation === 'undocumented';
        const missingPaths = missing
          ? state.missingPaths.add(event.path, now)
          : state.missingPaths.estimate(now);
        const misses = missing ? state.browsing.add(MISSES, now) : state.browsing.total(MISSES, now);
        const signals: DetectionSignal[] = [];
        if (
          errors >= options.burstErrors &&
          errors / requests >= options.burstErrorRatio &&
          errorPaths >= options.burstDistinctPaths
        ) {
          signals.push({
            actor,
            target: event.path,
            targetClass: 'error-burst',
            summary: `${errors} of ${requests} requests answered 401/403/404/405 within ${Math.round(options.burstWindowMs / 1000)} s, over ${Math.round(errorPaths)} paths`,
            eventIds: [event.id],
            details: { errors, requests, distinctPaths: Math.round(errorPaths), lastStatus: event.status },
          });
        }
        if (
          missing &&
          missingPaths >= options.browsingPaths &&
          misses / browsingRequests >= options.browsingRatio
        ) {
          signals.push({
            actor,
            target: event.path,
            targetClass: 'forced-browsing',
            summary: `${Math.round(missingPaths)} distinct missing paths requested within ${Math.round(options.browsingWindowMs / 60_000)} min`,
            eventIds: [event.id],
            details: { distinctMissingPaths: Math.round(missingPaths) },
          });
        }
        return signals.length === 0 ? NO_SIGNALS : signals;
      },
    };
  },
});
