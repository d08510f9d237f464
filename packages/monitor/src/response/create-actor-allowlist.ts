import { BlockList, isIP } from 'node:net';
import type { Actor } from '@rampart/core';

/** Actors that must never be blocked. */
export interface ActorAllowlist {
  has(actor: Actor): boolean;
}

export interface ActorAllowlistOptions {
  /** Treat loopback addresses (127.0.0.0/8, ::1) as allowlisted, so the monitor never blocks the host itself. */
  readonly protectLoopback?: boolean;
}

/**
 * Builds an allowlist from entries that are IP addresses (`10.0.0.5`), CIDR ranges (`10.0.0.0/8`,
 * `2001:db8::/32`), actor keys (`principal:health-checker`, `credential:9f86d081`) or bare names (matched against
 * principals, credentials and API keys). IPv4-mapped IPv6 addresses (`::ffff:10.0.0.5`) match their IPv4 entry.
 * Throws `TypeError` naming every malformed entry.
 */
export function createActorAllowlist(
  entries: readonly string[],
  options: ActorAllowlistOptions = {},
): ActorAllowlist {
  const addresses = new BlockList();
  const names = new Set<string>();
  const bad: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    if (slash > 0 && isIP(entry.slice(0, slash)) !== 0) {
      const address = entry.slice(0, slash);
      const prefix = Number(entry.slice(slash + 1));
      const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) {
        bad.push(raw);
        continue;
      }
      addresses.addSubnet(address, prefix, family);
    } else if (isIP(entry) !== 0) {
      addresses.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
    } else if (entry === '' || entry.includes('/') || /\s/.test(entry)) {
      bad.push(raw);
    } else names.add(entry);
  }
  if (bad.length > 0) {
    throw new TypeError(
      `responder allowlist: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an IP address, a CIDR range (10.0.0.0/8) or an actor name (principal:health-checker)`,
    );
  }
  if (options.protectLoopback ?? true) {
    addresses.addSubnet('127.0.0.0', 8, 'ipv4');
    addresses.addAddress('::1', 'ipv6');
  }
  const hasAddress = (ip: string): boolean => {
    const family = isIP(ip);
    if (family === 0) return false;
    if (family === 6 && ip.toLowerCase().startsWith('::ffff:') && isIP(ip.slice(7)) === 4) {
      return addresses.check(ip.slice(7), 'ipv4');
    }
    return addresses.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
  return {
    has(actor) {
      if (actor.kind === 'ip') return hasAddress(actor.value);
      return names.has(`${actor.kind}:${actor.value}`) || names.has(actor.value);
    },
  };
}
