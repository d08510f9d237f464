import type { ApiEvent } from '@rampart/core';
import { formatActorKey } from './format-actor-key.js';
import { resolveEventActor } from './resolve-event-actor.js';

let lastEvent: ApiEvent | undefined;
let lastKey = '';

/**
 * `formatActorKey(resolveEventActor(event))`, memoized for the last event: every detector keys its state by the
 * same string object, whose hash the engine then computes only once per event.
 */
export function resolveActorKey(event: ApiEvent): string {
  if (event === lastEvent) return lastKey;
  lastKey = formatActorKey(resolveEventActor(event));
  lastEvent = event;
  return lastKey;
}
