/** Why a host is an internal target, or undefined when it is not one. */
export type InternalHostKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'reserved';

const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.platformequinix.com',
]);

/** Public DNS names that resolve to loopback by design (used to dodge hostname blocklists). */
const LOOPBACK_NAMES =
  /(?:^|\.)(?:localhost[46]?(?:\.localdomain[46]?)?|localtest\.me|lvh\.me|vcap\.me|lacolhost\.com|127-0-0-1\.[a-z.]+|ip6-localhost|ip6-loopback|ipv6-localhost|ipv6-loopback)$/;
/** Names container runtimes and Kubernetes resolve to the host, the gateway or in-cluster services. */
const CONTAINER_NAMES =
  /^(?:host|gateway|kubernetes)\.docker\.internal$|^host\.containers\.internal$|\.svc(?:\.cluster\.local)?$|^kubernetes\.default$/;
/** Wildcard DNS services that embed an address in the name: 10.0.0.1.nip.io, 127-0-0-1.sslip.io. */
const EMBEDDED_ADDRESS = /^(.*?)[.-](?:nip\.io|sslip\.io|xip\.io|nip\.direct)$/;

function parseIpv4Part(part: string): number | undefined {
  if (part === '') return undefined;
  if (/^0x[0-9a-f]*$/.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return Number.parseInt(part, 8);
  if (/^[0-9]+$/.test(part)) return Number.parseInt(part, 10);
  return undefined;
}

/**
 * Parses an IPv4 address the way `inet_aton` does, so that every form a URL parser or resolver accepts is
 * recognised: dotted decimal, 1 to 4 parts (`127.1`), octal (`0177.0.0.1`), hex (`0x7f.1`, `0x7f000001`) and a
 * single decimal integer (`2130706433`). Returns the 32-bit value, or undefined.
 */
export function parseIpv4(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const v = parseIpv4Part(part);
    if (v === undefined) return undefined;
    values.push(v);
  }
  const last = values.pop() as number;
  let value = 0;
  for (const [index, v] of values.entries()) {
    if (v > 255) return undefined;
    value += v * 2 ** (24 - 8 * index);
  }
  if (last >= 2 ** (32 - 8 * values.length)) return undefined;
  return value + last;
}

function classifyIpv4(v: number): InternalHostKind | undefined {
  const a = Math.floor(v / 2 ** 24);
  const b = Math.floor(v / 2 ** 16) % 256;
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  // 169.254.169.254 (AWS, GCP, Azure, …), 100.100.100.200 (Alibaba), 192.0.0.192 (Oracle)
  if (v === 0xa9fea9fe || v === 0x646464c8 || v === 0xc00000c0) return 'metadata';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT, used inside clouds
  if ((a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0) || a >= 224) return 'reserved';
  return undefined;
}

/** Parses an IPv6 address (optionally with an embedded IPv4 tail and a zone) into 8 hextets. */
export function parseIpv6(text: string): number[] | undefined {
  const address = text.split('%')[0] as string;
  if (!/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return undefined;
  let head = address;
  const tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  const maybeV4 = address.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIpv4(maybeV4);
    if (v4 === undefined || maybeV4.split('.').length !== 4) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    const prefix = address.slice(0, lastColon + 1);
    head = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const h of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(h)) return undefined;
      out.push(Number.parseInt(h, 16));
    }
    return out;
  };
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  if (left === undefined || right === undefined) return undefined;
  const fill = 8 - left.length - right.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 0) return undefined;
  return [...left, ...new Array<number>(fill).fill(0), ...right, ...tail];
}

function classifyIpv6(h: readonly number[]): InternalHostKind | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, last = 0] = h;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0) {
    if (f === 0 && g === 0) return last === 1 ? 'loopback' : last === 0 ? 'unspecified' : classifyIpv4(last);
    if (f === 0xffff || f === 0) return classifyIpv4(g * 65536 + last); // IPv4-mapped / -compatible
  }
  if (a === 0x64 && b === 0xff9b) return classifyIpv4(g * 65536 + last); // NAT64
  if (a === 0xfd00 && b === 0xec2 && last === 0x254) return 'metadata';
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xfe00) === 0xfc00) return 'private';
  return undefined;
}

/**
 * Classifies a URL host (or a bare host) as an internal target: loopback, private, link-local, cloud metadata,
 * unspecified (`0.0.0.0`) or reserved, in any notation (see {@link parseIpv4}; IPv6 in brackets or not,
 * IPv4-mapped, NAT64), plus names that resolve there (`localhost`, `metadata.google.internal`, `lvh.me`,
 * `127.0.0.1.nip.io`). Returns undefined for public addresses and ordinary names.
 */
export function classifyHost(rawHost: string): InternalHostKind | undefined {
  let host = rawHost.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return undefined;
  if (METADATA_HOSTS.has(host)) return 'metadata';
  if (LOOPBACK_NAMES.test(host)) return 'loopback';
  if (CONTAINER_NAMES.test(host)) return 'private';
  const embedded = EMBEDDED_ADDRESS.exec(host);
  if (embedded !== null) {
    const inner = parseIpv4((embedded[1] as string).replace(/-/g, '.').split('.').slice(-4).join('.'));
    return inner === undefined ? undefined : classifyIpv4(inner);
  }
  if (host.includes(':')) {
    const v6 = parseIpv6(host);
    return v6 === undefined ? undefined : classifyIpv6(v6);
  }
  if (/^[0-9a-fx.]+$/.test(host) && /^[0-9]/.test(host)) {
    const v4 = parseIpv4(host);
    return v4 === undefined ? undefined : classifyIpv4(v4);
  }
  return undefined;
}
