import { type Blocklist, isAtLeast, isSeverity, type Severity } from '@rampart/core';
import { formatActorKey } from '../format-actor-key.js';
import { createActorAllowlist } from './create-actor-allowlist.js';
import type { Responder } from './responder.js';

export interface ResponderOptions {
  /** Where blocked actors go (the gateway reads it). */
  readonly blocklist: Blocklist;
  /**
   * IPs, CIDR ranges and actor names that are never blocked: health checkers, monitoring, the team's offices.
   * See `createActorAllowlist`.
   */
  readonly allowlist?: readonly string[];
  /** How long a block lasts. Default 15 min. */
  readonly ttlMs?: number;
  /** Alerts below this severity are not acted on. Default `high`. */
  readonly minSeverity?: Severity;
  /** Never block loopback addresses (the host itself). Default true. */
  readonly protectLoopback?: boolean;
  /** Epoch ms now, for the reported expiry. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * Creates the blocking responder: an alert at or above `minSeverity` puts its actor (`ip:…`, `principal:…`,
 * `credential:…`) on the blocklist for `ttlMs`, unless the actor is allowlisted or loopback, or the detector
 * said blocking it would be wrong (`details.blockable === false`: a brute-forced victim account, the callers of
 * a deprecated endpoint). Throws `TypeError` for a malformed allowlist entry or option.
 */
export function createResponder(options: ResponderOptions): Responder {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const minSeverity = options.minSeverity ?? 'high';
  const clock = options.clock ?? Date.now;
  if (!(ttlMs > 0)) throw new TypeError(`responder ttlMs must be > 0, got ${String(ttlMs)}`);
  if (!isSeverity(minSeverity)) {
    throw new TypeError(
      `responder minSeverity must be info, low, medium, high or critical, got ${String(minSeverity)}`,
    );
  }
  const allowlist = createActorAllowlist(options.allowlist ?? [], {
    protectLoopback: options.protectLoopback ?? true,
  });
  return {
    async respond(alert) {
      if (alert.details?.['blockable'] === false) return { action: 'skipped', reason: 'not blockable' };
      if (!isAtLeast(alert.severity, minSeverity)) {
        return { action: 'skipped', reason: `severity ${alert.severity} is below ${minSeverity}` };
      }
      if (allowlist.has(alert.actor)) return { action: 'skipped', reason: 'allowlisted' };
      const entry = formatActorKey(alert.actor);
      const summary = typeof alert.details?.['summary'] === 'string' ? `: ${alert.details['summary']}` : '';
      await options.blocklist.add(
        entry,
        ttlMs,
        `${alert.detector} (alert ${alert.id})${summary}`.slice(0, 500),
      );
      return { action: 'blocked', entry, until: clock() + ttlMs };
    },
  };
}
