import { readFileSync } from 'node:fs';
import { type AddressMatcher, createAddressMatcher } from '../../create-address-matcher.js';
import { createConfigReader } from '../../create-config-reader.js';
import { definePolicy } from '../../define-policy.js';
import { parseCidr } from '../../parse-cidr.js';
import { parseIpAddress } from '../../parse-ip-address.js';
import { watchFiles } from '../../watch-files.js';

/** `policies.ip-filter`. */
export interface IpFilterPolicyConfig {
  /** When given, only clients in these ranges (CIDR or addresses) may call. */
  readonly allow?: readonly string[];
  /** Clients in these ranges are refused. */
  readonly deny?: readonly string[];
  /** Refuse Tor exit nodes listed in a file (one address per line, `#` comments), reloaded when it changes. */
  readonly torExitNodes?: { readonly file: string; readonly watchIntervalMs?: number };
}

/**
 * Client address lists (OWASP API4/API8 hardening): deny ranges, Tor exit nodes from a file (refreshed by any
 * external job; the file is polled and reloaded, a broken reload keeps the previous list), and an allow list.
 * The client address is the one after trusted-proxy resolution. Refusals are 403.
 */
export const ipFilterPolicy = definePolicy<IpFilterPolicyConfig>({
  id: 'ip-filter',
  stage: 'accept',
  failMode: 'closed',
  description: 'Refuses clients by address: deny and allow CIDR lists and a Tor exit node list file.',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['allow', 'deny', 'torExitNodes']);
    const ranges = (key: 'allow' | 'deny'): AddressMatcher | undefined => {
      const list = r.strings(key);
      if (list === undefined) return undefined;
      const valid = list.filter((cidr) => {
        const parsed = parseCidr(cidr);
        if (typeof parsed === 'string') r.problem(key, parsed);
        return typeof parsed !== 'string';
      });
      return createAddressMatcher(valid);
    };
    const allow = ranges('allow');
    const deny = ranges('deny');
    const tor = r.object('torExitNodes');
    tor?.known(['file', 'watchIntervalMs']);
    const torFile = tor?.string('file', { required: true });
    let exits: ReadonlySet<string> = new Set();
    let stopWatching: (() => void) | undefined;
    const load = (file: string): ReadonlySet<string> => {
      const set = new Set<string>();
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((raw, i) => {
          const line = raw.replace(/#.*$/, '').trim();
          if (line === '') return;
          const key = addressKey(line);
          if (key === undefined)
            throw new Error(`line ${i + 1} ("${line.slice(0, 60)}") is not an IP address`);
          set.add(key);
        });
      return set;
    };
    if (torFile !== undefined) {
      try {
        exits = load(torFile);
      } catch (error) {
        tor?.problem('file', `cannot be loaded: ${(error as Error).message}`);
      }
      const interval = tor?.int('watchIntervalMs', 60_000, 0, 86_400_000) ?? 60_000;
      if (interval > 0)
        stopWatching = watchFiles([torFile], interval, () => {
          try {
            exits = load(torFile);
          } catch (error) {
            context.options.logger.warn(
              `gateway: Tor exit node list "${torFile}" not reloaded, keeping ${exits.size} entries: ${(error as Error).message}`,
            );
          }
        });
    }
    if (!allow && !deny && torFile === undefined) {
      r.problem('', 'needs "allow", "deny" or "torExitNodes"');
      return undefined;
    }
    return {
      request(ctx) {
        const ip = ctx.clientIp;
        if (deny?.(ip))
          return {
            status: 403,
            detail: 'Requests from your address are not accepted.',
            reason: `client ${ip} is in ip-filter.deny`,
          };
        if (exits.size > 0) {
          const key = addressKey(ip);
          if (key !== undefined && exits.has(key))
            return {
              status: 403,
              detail: 'Requests from your address are not accepted.',
              reason: `client ${ip} is a Tor exit node`,
            };
        }
        if (allow && !allow(ip))
          return {
            status: 403,
            detail: 'Requests from your address are not accepted.',
            reason: `client ${ip} is not in ip-filter.allow`,
          };
        return undefined;
      },
      close: () => stopWatching?.(),
    };
  },
});

/** One spelling per address (IPv4 and IPv4-mapped IPv6 alike), for set look-ups. */
function addressKey(text: string): string | undefined {
  const bytes = parseIpAddress(text);
  return bytes ? Buffer.from(bytes).toString('hex') : undefined;
}
