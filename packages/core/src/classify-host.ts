import { domainToASCII } from 'node:url';
import { formatIpv4 } from './format-ipv4.js';
import { formatIpv6 } from './format-ipv6.js';
import { parseIpv4 } from './parse-ipv4.js';
import { parseIpv6 } from './parse-ipv6.js';
import { SPECIAL_ADDRESS_RANGES, type SpecialAddressRange } from './special-address-ranges.js';
import { SPECIAL_EXACT_NAMES, SPECIAL_NAME_SUFFIXES } from './special-host-names.js';

/**
 * What a host is, as far as can be told without resolving it:
 * - `loopback`: the machine itself (127.0.0.0/8, `::1`, `localhost`, `*.localhost`, `lvh.me`);
 * - `unspecified`: 0.0.0.0/8 and `::` (connecting to them reaches the machine itself);
 * - `private`: RFC 1918, unique-local `fc00::/7`, site-local `fec0::/10`, local-use NAT64, and names reserved or
 *   used for private networks (`.internal`, `.local`, `.home.arpa`, Kubernetes `.svc`, `.lan`, `.corp`, single
 *   labels);
 * - `cgnat`: the carrier-grade NAT shared space 100.64.0.0/10 (used inside clouds);
 * - `link-local`: 169.254.0.0/16 and `fe80::/10`;
 * - `metadata`: cloud instance metadata and credential endpoints (169.254.169.254, `fd00:ec2::254`,
 *   100.100.100.200, `metadata.google.internal`, …);
 * - `multicast`: 224.0.0.0/4, `ff00::/8`;
 * - `documentation`: documentation and test ranges and names (192.0.2.0/24, `2001:db8::/32`, `example.com`,
 *   `.test`, `.invalid`);
 * - `benchmarking`: 198.18.0.0/15, `2001:2::/48`;
 * - `reserved`: other special-purpose or unallocated addresses (240.0.0.0/4, `100::/64`, IPv6 outside `2000::/3`);
 * - `public`: any other address;
 * - `name`: a DNS name with no special meaning (only resolving it tells where it points);
 * - `invalid`: neither an address nor a well-formed name (`256.1.1.1`, `1::2::3`, `a b`).
 */
export type HostKind =
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'public'
  | 'name'
  | 'invalid';

/**
 * How an IPv6 address carries an IPv4 address: IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`,
 * IPv4-translated `::ffff:0:0:0/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16` (bits 16-47) or Teredo `2001::/32`
 * (the client address, bit-inverted in the last 32 bits).
 */
export type AddressEmbedding =
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'ipv4-translated'
  | 'nat64'
  | '6to4'
  | 'teredo';

/**
 * What the kind rests on: `address` (the host is an IP address, in any notation), `name` (a name whose meaning is
 * fixed by a standard or a well-known service, or that spells an address: `10.0.0.1.nip.io`) or `convention` (a
 * name that only exists on private networks by common practice: a single label, `.lan`, `.corp`, `.home`,
 * `.intranet`; it could in principle resolve anywhere).
 */
export type HostBasis = 'address' | 'name' | 'convention';

/** The result of {@link classifyHost}. */
export interface HostClassification {
  readonly kind: HostKind;
  readonly basis: HostBasis;
  /**
   * The address in canonical form (dotted-decimal IPv4; RFC 5952 IPv6, without zone id): the host itself when it
   * is an address (`0x7f.1` gives `127.0.0.1`), or the address a wildcard DNS name spells (`10.0.0.1.nip.io`).
   */
  readonly address?: string;
  /** For an IPv6 address that carries an IPv4 address: how. */
  readonly embedding?: AddressEmbedding;
  /** For an IPv6 address that carries an IPv4 address: that address, dotted-decimal. */
  readonly ipv4?: string;
}

interface CompiledRange {
  readonly range: SpecialAddressRange;
  readonly prefix: number;
  /** IPv4: the 32-bit base; IPv6: the eight hextets of the base. */
  readonly base: number | readonly number[];
}

const IPV4_RANGES: CompiledRange[] = [];
const IPV6_RANGES: CompiledRange[] = [];
for (const range of SPECIAL_ADDRESS_RANGES) {
  const [text = '', prefixText = ''] = range.cidr.split('/');
  const prefix = Number(prefixText);
  const v4 = text.includes(':') ? undefined : parseIpv4(text);
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  if (v4 !== undefined && prefix >= 0 && prefix <= 32) IPV4_RANGES.push({ range, prefix, base: v4 });
  else if (v6 !== undefined && prefix >= 0 && prefix <= 128) IPV6_RANGES.push({ range, prefix, base: v6 });
  else throw new TypeError(`SPECIAL_ADDRESS_RANGES: "${range.cidr}" is not a CIDR range`);
}
// Most specific first, so that the first range that matches decides (169.254.169.254/32 before 169.254.0.0/16).
IPV4_RANGES.sort((a, b) => b.prefix - a.prefix);
IPV6_RANGES.sort((a, b) => b.prefix - a.prefix);

const NAME = { kind: 'name', basis: 'name' } as const satisfies HostClassification;
const INVALID_NAME = { kind: 'invalid', basis: 'name' } as const satisfies HostClassification;
const INVALID_ADDRESS = { kind: 'invalid', basis: 'address' } as const satisfies HostClassification;
const SINGLE_LABEL = { kind: 'private', basis: 'convention' } as const satisfies HostClassification;
const DASHED_LOOPBACK = { kind: 'loopback', basis: 'name' } as const satisfies HostClassification;

const NON_ASCII = /[^\x00-\x7f]/;
const ZONE_ID = /^(?:25)?[\w.~-]+$/;
/** Labels of letters, digits, `-`, `_` (common in practice) and `*` (wildcard names in documents). */
const HOST_NAME = /^[a-z0-9_*-]+(?:\.[a-z0-9_*-]+)*$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const EIGHT_HEX = /^[0-9a-f]{8}$/;

/**
 * Classifies a host (a URL's host name, a DNS answer, a configured address) as loopback, private, link-local,
 * cloud metadata, unspecified, carrier-grade NAT, multicast, documentation, benchmarking, reserved, public, an
 * ordinary name or invalid (see {@link HostKind}), so that every part of Rampart agrees on what "internal" means.
 *
 * Accepted forms: IPv4 in every `inet_aton` / WHATWG URL notation (`127.1`, `0x7f.1`, `0177.0.0.1`, `2130706433`,
 * `017700000001`), percent-encoded or not (`%31%32%37.0.0.1`); IPv6 with or without brackets, with a zone id (`fe80::1%eth0`, `[fe80::1%25eth0]`), and with
 * an IPv4 address inside (IPv4-mapped `::ffff:127.0.0.1`, IPv4-compatible, NAT64 `64:ff9b::a00:1`, 6to4, Teredo),
 * which takes the kind of that IPv4 address unless it is public; names in any case, with a trailing dot, in
 * Unicode (mapped as IDNA does: `１２７．０．０．１` is 127.0.0.1); special-use names (`localhost`,
 * `metadata.google.internal`, `.internal`, `.local`, `example.com`, …) and wildcard DNS names that spell an
 * address (`127.0.0.1.nip.io`, `app-10-0-0-1.sslip.io`). A name with no special meaning is `name`: resolve it and
 * classify the addresses to know more. Pass the host alone, without port or user info.
 *
 * Pure and cheap (no DNS, no large regular expressions): fit for the per-request path.
 */
export function classifyHost(host: string): HostClassification {
  let text = host;
  const bracketed = text.startsWith('[');
  if (bracketed) {
    if (!text.endsWith(']')) return INVALID_ADDRESS;
    text = text.slice(1, -1);
  } else if (text.includes('%') && !text.includes(':')) {
    // The URL parser percent-decodes a host before anything else (`%31%32%37.0.0.1` is 127.0.0.1); a `%` or `:`
    // left after decoding is forbidden in a host.
    try {
      text = decodeURIComponent(text);
    } catch {
      return INVALID_NAME;
    }
    if (text.includes('%') || text.includes(':')) return INVALID_NAME;
  }
  if (NON_ASCII.test(text)) {
    text = domainToASCII(text);
    if (text === '') return INVALID_NAME;
  }
  text = text.toLowerCase();
  if (text.includes(':')) return classifyIpv6Text(text);
  if (bracketed) return INVALID_ADDRESS;
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text === '' || text.length > 253) return INVALID_NAME;
  if (endsInNumber(text)) {
    const v4 = parseIpv4(text);
    return v4 === undefined
      ? INVALID_ADDRESS
      : { kind: ipv4Kind(v4), basis: 'address', address: formatIpv4(v4) };
  }
  if (!HOST_NAME.test(text)) return INVALID_NAME;
  return classifyName(text);
}

function classifyIpv6Text(text: string): HostClassification {
  const percent = text.indexOf('%');
  if (percent >= 0 && !ZONE_ID.test(text.slice(percent + 1))) return INVALID_ADDRESS;
  const hextets = parseIpv6(percent >= 0 ? text.slice(0, percent) : text);
  return hextets === undefined ? INVALID_ADDRESS : classifyIpv6(hextets, 'address');
}

/**
 * Whether the WHATWG URL parser would treat the host as an IPv4 address (its "ends in a number" check): the last
 * label is all digits or `0x` and hex digits. Such a host that does not parse is invalid, not a name.
 */
function endsInNumber(text: string): boolean {
  const last = text.slice(text.lastIndexOf('.') + 1);
  if (last === '') return false;
  if (/^\d+$/.test(last)) return true;
  return /^0x[0-9a-f]*$/.test(last);
}

function ipv4Kind(value: number): HostKind {
  for (const compiled of IPV4_RANGES) {
    const shift = 32 - compiled.prefix;
    if (shift === 32 || (value ^ (compiled.base as number)) >>> shift === 0) return compiled.range.kind;
  }
  return 'public';
}

function inIpv6Range(hextets: readonly number[], compiled: CompiledRange): boolean {
  const base = compiled.base as readonly number[];
  let bits = compiled.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((hextets[i] as number) & mask) !== ((base[i] as number) & mask)) return false;
  }
  return true;
}

function classifyIpv6(hextets: readonly number[], basis: HostBasis): HostClassification {
  const address = formatIpv6(hextets);
  const compiled = IPV6_RANGES.find((c) => inIpv6Range(hextets, c));
  if (compiled === undefined) return { kind: 'reserved', basis, address };
  const { kind, embedding } = compiled.range;
  if (embedding === undefined) return { kind, basis, address };
  const v4 = embeddedIpv4(hextets, embedding);
  const v4Kind = ipv4Kind(v4);
  return { kind: v4Kind === 'public' ? kind : v4Kind, basis, address, embedding, ipv4: formatIpv4(v4) };
}

function embeddedIpv4(h: readonly number[], embedding: AddressEmbedding): number {
  const [, b = 0, c = 0, , , , g = 0, last = 0] = h;
  if (embedding === '6to4') return ((b << 16) | c) >>> 0;
  if (embedding === 'teredo') return ~((g << 16) | last) >>> 0;
  return ((g << 16) | last) >>> 0;
}

function classifyName(name: string): HostClassification {
  const exact = SPECIAL_EXACT_NAMES.get(name);
  if (exact !== undefined && 'kind' in exact) return exact;
  for (let from = 0; from >= 0; ) {
    const suffix = from === 0 ? name : name.slice(from);
    const special = SPECIAL_NAME_SUFFIXES.get(suffix);
    if (special !== undefined) {
      if ('kind' in special) return special;
      return from === 0 ? NAME : addressInName(name.slice(0, from - 1));
    }
    const dot = name.indexOf('.', from);
    from = dot < 0 ? -1 : dot + 1;
  }
  if (!name.includes('.')) return SINGLE_LABEL;
  // `127-0-0-1.<domain>`: wildcard DNS services answer 127.0.0.1 for such a label.
  if (name.startsWith('127-0-0-1.') || name.includes('.127-0-0-1.')) return DASHED_LOOPBACK;
  return NAME;
}

/**
 * The address a wildcard DNS service (nip.io, sslip.io) answers for the labels before its domain: the last four
 * labels (`app.10.0.0.1`), the last four dash-separated numbers of the last label (`app-10-0-0-1`), eight hex
 * digits (`app-0a000001`), or an IPv6 address with dashes for colons (`--1`, `fe80--1`).
 */
function addressInName(prefix: string): HostClassification {
  const labels = prefix.split('.');
  const lastFour = labels.slice(-4).join('.');
  if (DOTTED_QUAD.test(lastFour)) return addressResult(parseIpv4(lastFour) as number);
  const last = labels.at(-1) as string;
  const groups = last.split('-');
  const dashed = groups.slice(-4).join('.');
  if (DOTTED_QUAD.test(dashed)) return addressResult(parseIpv4(dashed) as number);
  const hex = groups.at(-1) as string;
  if (EIGHT_HEX.test(hex)) return addressResult(Number.parseInt(hex, 16));
  const v6 = last.includes('-') ? parseIpv6(last.replaceAll('-', ':')) : undefined;
  if (v6 !== undefined) return classifyIpv6(v6, 'name');
  return NAME;
}

function addressResult(v4: number): HostClassification {
  return { kind: ipv4Kind(v4), basis: 'name', address: formatIpv4(v4) };
}
