import type { Actor } from '@rampart/core';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { resolveActorKey } from '../resolve-actor-key.js';
import { resolveEventActor } from '../resolve-event-actor.js';
import { createEwma, type Ewma } from '../state/create-ewma.js';
import { createLruMap } from '../state/create-lru-map.js';
import {
  createSlidingWindowCounter,
  type SlidingWindowCounter,
} from '../state/create-sliding-window-counter.js';
import { createSmallMap, type SmallMap } from '../state/create-small-map.js';
import { createWindowedDistinctCounter } from '../state/create-windowed-distinct-counter.js';

export interface ExfiltrationOptions {
  /** Responses smaller than this never fire on their own (bytes). */
  readonly minResponseBytes: number;
  /** Observations a baseline needs before it is trusted. */
  readonly minBaseline: number;
  /** A response fires above `mean + sigma × stddev` and `factor × mean` of the baselines it is compared with. */
  readonly sigma: number;
  readonly factor: number;
  /** Window for cumulative volume per actor. */
  readonly volumeWindowMs: number;
  /** Cumulative bytes per actor in the window that fire when also `volumeFactor` × the population's average. */
  readonly volumeBytes: number;
  readonly volumeFactor: number;
}

/** What is kept per actor: a response-size baseline per endpoint, and its response bytes in the volume window. */
interface ActorState {
  readonly baselines: SmallMap<Ewma>;
  readonly volume: SlidingWindowCounter;
}

export const exfiltration = defineDetector<ExfiltrationOptions>({
  id: 'exfiltration',
  title: 'Data exfiltration (unusual response volume)',
  severity: 'high',
  owasp: 'API3',
  cwe: 200,
  description:
    'Keeps an EWMA of response size (mean and variance) per actor and endpoint and per endpoint for the whole ' +
    'population. A response fires when it is far above both the actor’s own baseline (once it has one) and the ' +
    'population’s (mean + 6σ and 8× the mean, at least 256 KiB). Separately, cumulative response bytes per actor ' +
    'over an hour fire when they pass 50 MiB and 20× the average active actor’s volume.',
  defaults: {
    minResponseBytes: 256 * 1024,
    minBaseline: 20,
    sigma: 6,
    factor: 8,
    volumeWindowMs: 60 * 60_000,
    volumeBytes: 50 * 1024 * 1024,
    volumeFactor: 20,
  },
  create({ options, routes, limits }) {
    /**
     * Actor → (endpoint → baseline, volume): one map, one lookup per event (nested so lookups reuse the hashes of
     * strings the event carries).
     */
    const actors = createLruMap<string, ActorState>(limits.maxTrackedKeys);
    const population = createLruMap<string, Ewma>(4096);
    const totalVolume = createSlidingWindowCounter(options.volumeWindowMs, 6);
    const activeActors = createWindowedDistinctCounter({
      windowMs: options.volumeWindowMs,
      exactLimit: 256,
      precision: 12,
    });
    const ceiling = (e: Ewma): number => Math.max(e.mean + options.sigma * e.stddev, options.factor * e.mean);

    return {
      observe(event, now) {
        if (event.status < 200 || event.status >= 300) return NO_SIGNALS;
        const size = event.responseSize;
        const actor: Actor = resolveEventActor(event);
        const actorKey = resolveActorKey(event);
        const route = routes.resolve(event);
        let state = actors.get(actorKey);
        if (state === undefined) {
          state = {
            baselines: createSmallMap(),
            volume: createSlidingWindowCounter(options.volumeWindowMs, 6),
          };
          actors.set(actorKey, state);
        }
        const baselines = state.baselines;
        let mine = baselines.get(route.endpoint);
        if (mine === undefined) {
          if (baselines.size >= 64) baselines.clear();
          mine = createEwma(0.05);
          baselines.set(route.endpoint, mine);
        }
        let theirs = population.get(route.endpoint);
        if (theirs === undefined) {
          theirs = createEwma(0.01);
          population.set(route.endpoint, theirs);
        }
        const actorBytes = state.volume.add(now, size);
        const allBytes = totalVolume.add(now, size);
        const active = Math.max(1, activeActors.add(actorKey, now));

        let signals: DetectionSignal[] | undefined;
        const ownKnown = mine.count >= options.minBaseline;
        const populationKnown = theirs.count >= options.minBaseline;
        const ownCeiling = ownKnown ? ceiling(mine) : Number.POSITIVE_INFINITY;
        const populationCeiling = populationKnown ? ceiling(theirs) : Number.POSITIVE_INFINITY;
        if (
          size >= options.minResponseBytes &&
          populationKnown &&
          size > populationCeiling &&
          (!ownKnown || size > ownCeiling)
        ) {
          signals = [];
          signals.push({
            actor,
            target: route.endpoint,
            summary: `${route.endpoint} returned ${formatBytes(size)}, typical ${formatBytes(theirs.mean)} (own typical ${ownKnown ? formatBytes(mine.mean) : 'not yet known'})`,
            eventIds: [event.id],
            details: {
              responseBytes: size,
              populationMeanBytes: Math.round(theirs.mean),
              ownMeanBytes: ownKnown ? Math.round(mine.mean) : undefined,
            },
          });
        }
        const averagePerActor = allBytes / active;
        if (actorBytes >= options.volumeBytes && actorBytes >= options.volumeFactor * averagePerActor) {
          signals ??= [];
          signals.push({
            actor,
            target: route.endpoint,
            targetClass: 'volume',
            summary: `${formatBytes(actorBytes)} downloaded in ${Math.round(options.volumeWindowMs / 60_000)} min, ${Math.round(actorBytes / averagePerActor)}× the average caller`,
            eventIds: [event.id],
            details: { windowBytes: actorBytes, averageActorBytes: Math.round(averagePerActor) },
          });
        }
        // Learn, but clamp what an outlier may teach so one large response does not raise the bar for the next.
        const learnOwn = ownKnown ? Math.min(size, ownCeiling) : size;
        const learnPopulation = populationKnown ? Math.min(size, populationCeiling) : size;
        mine.update(learnOwn);
        theirs.update(learnPopulation);
        return signals ?? NO_SIGNALS;
      },
    };
  },
});

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}
