import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { createLruMap } from '../state/create-lru-map.js';
import { createWindowedCountMinSketch } from '../state/create-windowed-count-min-sketch.js';
import {
  createWindowedDistinctCounter,
  type WindowedDistinctCounter,
} from '../state/create-windowed-distinct-counter.js';

export interface TokenMisuseOptions {
  readonly windowMs: number;
  /** Distinct networks (IPv4 /24, IPv6 /48 by default) using one credential in the window. */
  readonly distinctNetworks: number;
  /** Distinct user agents using one credential in the window. */
  readonly distinctAgents: number;
  /** Prefix length that groups IPv4 addresses into one network (a phone hopping within a carrier's pool). */
  readonly ipv4Prefix: number;
  /** Calls with an expired or refused credential, per credential (or address), in the window. */
  readonly expiredRetries: number;
}

interface CredentialState {
  readonly networks: WindowedDistinctCounter;
  readonly agents: WindowedDistinctCounter;
}

/**
 * Where the first `octets` octets of a dotted-quad IPv4 address end in `ip` (its length for 4), or -1 when `ip` is
 * not one (the same addresses as `net.isIPv4`: four decimal octets up to 255, no leading zeros). A scan, not a
 * split: this runs for every authenticated event.
 */
function ipv4PrefixEnd(ip: string, octets: number): number {
  let end = -1;
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || part > 3) return -1;
      part++;
      if (part === octets) end = i;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return -1;
      if (++digits > 3) return -1;
      value = value * 10 + (c - 48);
    } else return -1;
  }
  return part === 4 ? end : -1;
}

export const tokenMisuse = defineDetector<TokenMisuseOptions>({
  id: 'token-misuse',
  title: 'Token misuse (shared, stolen or replayed credential)',
  severity: 'high',
  owasp: 'API2',
  cwe: 294,
  description:
    'Per credential fingerprint (a truncated hash of the token, never the token), counts the distinct networks ' +
    '(IPv4 /24, IPv6 /48) and user agents using it in a ten-minute window: 4 networks or 3 agents for one token ' +
    'means it left the client it was issued to. Calls with an expired or refused token are counted per credential ' +
    '(or per address when the token is unknown); a client that keeps replaying one (8 in the window) is reported.',
  defaults: {
    windowMs: 10 * 60_000,
    distinctNetworks: 4,
    distinctAgents: 3,
    ipv4Prefix: 24,
    expiredRetries: 8,
  },
  create({ options, routes, limits }) {
    const credentials = createLruMap<string, CredentialState>(limits.maxTrackedKeys);
    const refusals = createWindowedCountMinSketch(options.windowMs, 8192, 4);
    const keepOctets = Math.max(1, Math.min(4, Math.ceil(options.ipv4Prefix / 8)));
    const networkOf = (ip: string): string => {
      const end = ipv4PrefixEnd(ip, keepOctets);
      if (end >= 0) return end === ip.length ? ip : ip.slice(0, end);
      if (ip.startsWith('::ffff:')) {
        const v4 = ip.slice(7);
        const inner = ipv4PrefixEnd(v4, keepOctets);
        if (inner >= 0) return inner === v4.length ? v4 : v4.slice(0, inner);
      }
      return ip.split(':', 3).join(':');
    };
    const minutes = Math.round(options.windowMs / 60_000);

    return {
      observe(event, now) {
        const fingerprint = event.identity?.credentialFingerprint;
        if (event.auth === 'expired' || (event.auth === 'invalid' && fingerprint !== undefined)) {
          const subject = fingerprint ?? event.clientIp;
          const retries = refusals.add(subject, now);
          if (retries < options.expiredRetries) return NO_SIGNALS;
          return [
            {
              actor:
                fingerprint !== undefined
                  ? { kind: 'credential', value: fingerprint }
                  : { kind: 'ip', value: event.clientIp },
              target: routes.resolve(event).endpoint,
              targetClass: 'refused-token-replay',
              severity: 'medium',
              summary: `${Math.round(retries)} calls with an ${event.auth} token in ${minutes} min`,
              eventIds: [event.id],
              details: { retries: Math.round(retries), auth: event.auth, address: event.clientIp },
            },
          ];
        }
        if (fingerprint === undefined || event.auth !== 'success') return NO_SIGNALS;
        let state = credentials.get(fingerprint);
        if (state === undefined) {
          state = {
            networks: createWindowedDistinctCounter({ windowMs: options.windowMs, exactLimit: 32 }),
            agents: createWindowedDistinctCounter({ windowMs: options.windowMs, exactLimit: 32 }),
          };
          credentials.set(fingerprint, state);
        }
        const networks = state.networks.add(networkOf(event.clientIp), now);
        const agents = state.agents.add(event.userAgent ?? '', now);
        if (networks < options.distinctNetworks && agents < options.distinctAgents) return NO_SIGNALS;
        const signal: DetectionSignal = {
          actor: { kind: 'credential', value: fingerprint },
          target: routes.resolve(event).endpoint,
          targetClass: 'shared-token',
          summary: `one token used from ${Math.round(networks)} networks and ${Math.round(agents)} user agents in ${minutes} min${event.identity?.subject ? ` (principal ${event.identity.subject})` : ''}`,
          eventIds: [event.id],
          details: {
            networks: Math.round(networks),
            userAgents: Math.round(agents),
            principal: event.identity?.subject,
            latestAddress: event.clientIp,
          },
        };
        return [signal];
      },
    };
  },
});
