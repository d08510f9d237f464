import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type AddressMatcher, createAddressMatcher } from '../../create-address-matcher.js';
import { createExpiringCache } from '../../create-expiring-cache.js';

/**
 * Ranges an outgoing URL of the upstream must never reach (CWE-918): unspecified, loopback, RFC 1918 private,
 * carrier-grade NAT, link-local (with the cloud metadata address 169.254.169.254), benchmarking, documentation,
 * multicast and reserved IPv4; the IPv6 counterparts (unique-local `fc00::/7` with AWS's `fd00:ec2::254`,
 * link-local, multicast, documentation) and IPv6 forms that embed or translate IPv4 (IPv4-compatible `::/96`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`). IPv4-mapped IPv6 (`::ffff:127.0.0.1`) matches the
 * IPv4 ranges because addresses are compared as IPv4-mapped IPv6.
 */
export const BLOCKED_RANGES: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/96',
  '::1/128',
  '64:ff9b::/96',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/32',
  '2001:db8::/32',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/** Options of `createUrlGuard`. */
export interface UrlGuardOptions {
  /** Host names allowed (`api.partner.example`, `*.partner.example`); when given, every other host is refused. */
  readonly allowHosts: readonly string[] | undefined;
  /** URL schemes allowed, without colon. */
  readonly allowSchemes: readonly string[];
  /** Ranges allowed even though they are in `BLOCKED_RANGES` (e.g. an internal partner network). */
  readonly allowAddresses: readonly string[];
  readonly dnsTimeoutMs: number;
  readonly dnsCacheMs: number;
  /** The resolver (for tests); default `dns.lookup` with all addresses. */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/** Why a URL was refused, or undefined when it may be used. */
export type UrlVerdict = string | undefined;

/** Checks a URL value the upstream is going to fetch. */
export type UrlGuard = (value: string) => UrlVerdict | Promise<UrlVerdict>;

/**
 * Builds the URL check of the SSRF guard. The value is parsed by the WHATWG URL parser, which also normalizes the
 * tricky spellings of IPv4 hosts (decimal `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`, short `127.1`) to
 * dotted quads, so those are judged by their real address. Host names are resolved with `dns.lookup` (all
 * addresses, as the upstream's resolver would) and refused if any address is blocked. A name that does not resolve
 * is refused too. DNS answers are cached briefly.
 *
 * Limits: the upstream resolves the name again when it fetches (DNS rebinding can still change the answer in
 * between), and redirects it follows are its business: it must not follow them to internal addresses.
 */
export function createUrlGuard(options: UrlGuardOptions): UrlGuard {
  const blocked: AddressMatcher = createAddressMatcher(BLOCKED_RANGES);
  const allowed: AddressMatcher = createAddressMatcher(options.allowAddresses);
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const host of options.allowHosts ?? []) {
    if (host.startsWith('*.')) suffixes.push(host.slice(1).toLowerCase());
    else exact.add(host.toLowerCase());
  }
  const schemes = new Set(options.allowSchemes.map((s) => `${s.toLowerCase()}:`));
  const cache = createExpiringCache<readonly string[]>(10_000);
  const resolve =
    options.resolve ??
    (async (host: string) =>
      (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address));

  const judge = (address: string): UrlVerdict =>
    blocked(address) && !allowed(address) ? `resolves to a blocked address (${address})` : undefined;

  const resolveBounded = (host: string): Promise<readonly string[]> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      resolve(host),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('DNS timeout')), options.dnsTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  };

  return (value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'is not an absolute URL';
    }
    if (!schemes.has(url.protocol)) return `uses the scheme "${url.protocol.slice(0, -1)}"`;
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname.toLowerCase();
    if (host === '') return 'has no host';
    if (options.allowHosts !== undefined && !exact.has(host) && !suffixes.some((s) => host.endsWith(s)))
      return `names a host that is not allowed (${host.slice(0, 100)})`;
    if (isIP(host) !== 0) return judge(host);
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
      return `names an internal host (${host.slice(0, 100)})`;
    const cached = cache.get(host, Date.now());
    const check = (addresses: readonly string[]): UrlVerdict => {
      if (addresses.length === 0) return `names a host that does not resolve (${host.slice(0, 100)})`;
      for (const address of addresses) {
        const verdict = judge(address);
        if (verdict) return verdict;
      }
      return undefined;
    };
    if (cached) return check(cached);
    return resolveBounded(host).then(
      (addresses) => {
        cache.set(host, addresses, Date.now() + options.dnsCacheMs);
        return check(addresses);
      },
      (error: unknown) =>
        `names a host that cannot be resolved (${host.slice(0, 100)}: ${(error as { code?: string }).code ?? (error as Error).message})`,
    );
  };
}
