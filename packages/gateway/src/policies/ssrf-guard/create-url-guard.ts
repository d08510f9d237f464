import { lookup } from 'node:dns/promises';
import { classifyHost, type HostClassification, type HostKind } from '@rampart/core';
import { type AddressMatcher, createAddressMatcher } from '../../create-address-matcher.js';
import { createExpiringCache } from '../../create-expiring-cache.js';

/**
 * Kinds of host name refused without resolving them: names that only ever point inside. Other names, documentation
 * names (`.example`, `.test`) included, are resolved and judged by their addresses.
 */
const INTERNAL_NAME_KINDS: ReadonlySet<HostKind> = new Set<HostKind>([
  'loopback',
  'unspecified',
  'private',
  'cgnat',
  'link-local',
  'metadata',
]);

/**
 * Whether an address (a literal host or a DNS answer, classified) must not be fetched (CWE-918): every address that
 * is not public (`classifyHost` of `@rampart/core`: loopback, unspecified, private, carrier-grade NAT, link-local,
 * cloud metadata, multicast, documentation, benchmarking, reserved, unique-local and site-local IPv6), anything
 * that is not an address, and every IPv6 address that reaches an IPv4 address through a translator or tunnel
 * (NAT64, 6to4, Teredo, IPv4-compatible, IPv4-translated), public or not: where those end up depends on relays the
 * guard cannot see. IPv4-mapped addresses are the IPv4 address itself and are judged as such.
 */
function isBlockedAddress(host: HostClassification): boolean {
  if (host.basis !== 'address' || host.kind !== 'public') return true;
  return host.embedding !== undefined && host.embedding !== 'ipv4-mapped';
}

/** Options of `createUrlGuard`. */
export interface UrlGuardOptions {
  /** Host names allowed (`api.partner.example`, `*.partner.example`); when given, every other host is refused. */
  readonly allowHosts: readonly string[] | undefined;
  /** URL schemes allowed, without colon. */
  readonly allowSchemes: readonly string[];
  /** Ranges allowed even though the guard refuses them (e.g. an internal partner network). */
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
 * Builds the URL check of the SSRF guard. The value is parsed by the WHATWG URL parser, and its host classified by
 * `classifyHost` (`@rampart/core`), so every spelling of an address (decimal `2130706433`, octal `0177.0.0.1`, hex
 * `0x7f.1`, short `127.1`, IPv4-mapped `[::ffff:7f00:1]`) is judged by the real address. Names that only point
 * inside (`localhost`, `*.internal`, `*.local`, `metadata.google.internal`, `lvh.me`, `10.0.0.1.nip.io`, single
 * labels) are refused without a lookup; other names are resolved with `dns.lookup` (all addresses, as the
 * upstream's resolver would) and refused if any address is blocked. A name that does not resolve is refused too.
 * DNS answers are cached briefly.
 *
 * Limits: the upstream resolves the name again when it fetches (DNS rebinding can still change the answer in
 * between), and redirects it follows are its business: it must not follow them to internal addresses.
 */
export function createUrlGuard(options: UrlGuardOptions): UrlGuard {
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

  const judge = (address: string, host = classifyHost(address)): UrlVerdict =>
    isBlockedAddress(host) && !(host.address !== undefined && allowed(host.address))
      ? `resolves to a blocked address (${address})`
      : undefined;

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
    const classified = classifyHost(host);
    if (classified.kind === 'invalid') return `has an invalid host (${host.slice(0, 100)})`;
    if (classified.basis === 'address') return judge(host, classified);
    if (INTERNAL_NAME_KINDS.has(classified.kind)) return `names an internal host (${host.slice(0, 100)})`;
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
