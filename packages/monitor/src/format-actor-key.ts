import type { Actor } from '@rampart/core';

/**
 * The string form of an actor used as a blocklist entry and in aggregation keys: `<kind>:<value>`, e.g.
 * `ip:203.0.113.7`, `principal:alice`, `credential:9f86d081`. The gateway builds the same key to look an actor up.
 */
export function formatActorKey(actor: Actor): string {
  return `${actor.kind}:${actor.value}`;
}
