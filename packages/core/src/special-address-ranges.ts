import type { AddressEmbedding, HostKind } from './classify-host.js';

/** One row of {@link SPECIAL_ADDRESS_RANGES}. */
export interface SpecialAddressRange {
  /** The range in CIDR notation; IPv4 ranges apply to IPv4 addresses, IPv6 ranges to IPv6 addresses. */
  readonly cidr: string;
  /**
   * The kind of every address in the range. For a range that embeds an IPv4 address (`embedding`), the kind of an
   * address whose embedded IPv4 address is public; otherwise the address takes the embedded address's kind.
   */
  readonly kind: HostKind;
  /** How addresses of this range carry an IPv4 address. */
  readonly embedding?: AddressEmbedding;
  /** What the range is and where it is defined. */
  readonly source: string;
}

/**
 * The special-purpose address ranges (IANA IPv4 and IPv6 Special-Purpose Address Registries, RFC 6890, plus the
 * cloud metadata endpoints). The most specific range that contains an address decides its kind; an IPv4 address in
 * none of them is public, and an IPv6 address in none of them is reserved (only `2000::/3` is allocated as global
 * unicast, RFC 4291 section 2.4).
 */
export const SPECIAL_ADDRESS_RANGES: readonly SpecialAddressRange[] = [
  {
    cidr: '0.0.0.0/8',
    kind: 'unspecified',
    source: '"this network", RFC 1122 3.2.1.3 (0.0.0.0 reaches the host itself)',
  },
  { cidr: '10.0.0.0/8', kind: 'private', source: 'private network, RFC 1918' },
  { cidr: '100.64.0.0/10', kind: 'cgnat', source: 'shared address space for carrier-grade NAT, RFC 6598' },
  { cidr: '100.100.100.200/32', kind: 'metadata', source: 'Alibaba Cloud instance metadata' },
  { cidr: '127.0.0.0/8', kind: 'loopback', source: 'loopback, RFC 1122 3.2.1.3' },
  {
    cidr: '168.63.129.16/32',
    kind: 'metadata',
    source: 'Azure platform endpoint (WireServer), reachable from VMs only',
  },
  { cidr: '169.254.0.0/16', kind: 'link-local', source: 'link-local, RFC 3927' },
  {
    cidr: '169.254.169.254/32',
    kind: 'metadata',
    source: 'instance metadata (AWS, GCP, Azure, OpenStack, …)',
  },
  { cidr: '169.254.170.2/32', kind: 'metadata', source: 'AWS ECS task metadata and credentials' },
  { cidr: '169.254.170.23/32', kind: 'metadata', source: 'AWS EKS Pod Identity credentials' },
  { cidr: '172.16.0.0/12', kind: 'private', source: 'private network, RFC 1918' },
  { cidr: '192.0.0.0/24', kind: 'reserved', source: 'IETF protocol assignments, RFC 6890' },
  { cidr: '192.0.0.192/32', kind: 'metadata', source: 'Oracle Cloud instance metadata' },
  { cidr: '192.0.2.0/24', kind: 'documentation', source: 'TEST-NET-1, RFC 5737' },
  { cidr: '192.88.99.0/24', kind: 'reserved', source: '6to4 relay anycast, deprecated by RFC 7526' },
  { cidr: '192.168.0.0/16', kind: 'private', source: 'private network, RFC 1918' },
  { cidr: '198.18.0.0/15', kind: 'benchmarking', source: 'benchmarking, RFC 2544' },
  { cidr: '198.51.100.0/24', kind: 'documentation', source: 'TEST-NET-2, RFC 5737' },
  { cidr: '203.0.113.0/24', kind: 'documentation', source: 'TEST-NET-3, RFC 5737' },
  { cidr: '224.0.0.0/4', kind: 'multicast', source: 'multicast, RFC 5771' },
  {
    cidr: '240.0.0.0/4',
    kind: 'reserved',
    source: 'reserved, RFC 1112 (with the limited broadcast address)',
  },

  { cidr: '::/128', kind: 'unspecified', source: 'unspecified address, RFC 4291 2.5.2' },
  { cidr: '::1/128', kind: 'loopback', source: 'loopback, RFC 4291 2.5.3' },
  {
    cidr: '::/96',
    kind: 'reserved',
    embedding: 'ipv4-compatible',
    source: 'IPv4-compatible, deprecated by RFC 4291 2.5.5.1',
  },
  {
    cidr: '::ffff:0:0/96',
    kind: 'public',
    embedding: 'ipv4-mapped',
    source: 'IPv4-mapped, RFC 4291 2.5.5.2',
  },
  {
    cidr: '::ffff:0:0:0/96',
    kind: 'reserved',
    embedding: 'ipv4-translated',
    source: 'IPv4-translated, RFC 2765',
  },
  { cidr: '64:ff9b::/96', kind: 'public', embedding: 'nat64', source: 'NAT64 well-known prefix, RFC 6052' },
  { cidr: '64:ff9b:1::/48', kind: 'private', source: 'local-use NAT64, RFC 8215' },
  { cidr: '100::/64', kind: 'reserved', source: 'discard-only, RFC 6666' },
  { cidr: '2000::/3', kind: 'public', source: 'global unicast, RFC 4291 2.4' },
  { cidr: '2001::/32', kind: 'public', embedding: 'teredo', source: 'Teredo, RFC 4380' },
  { cidr: '2001:2::/48', kind: 'benchmarking', source: 'benchmarking, RFC 5180' },
  { cidr: '2001:10::/28', kind: 'reserved', source: 'ORCHID, deprecated by RFC 7343' },
  { cidr: '2001:20::/28', kind: 'reserved', source: 'ORCHIDv2, RFC 7343' },
  { cidr: '2001:db8::/32', kind: 'documentation', source: 'documentation, RFC 3849' },
  { cidr: '2002::/16', kind: 'public', embedding: '6to4', source: '6to4, RFC 3056' },
  { cidr: '3fff::/20', kind: 'documentation', source: 'documentation, RFC 9637' },
  { cidr: 'fc00::/7', kind: 'private', source: 'unique local, RFC 4193' },
  { cidr: 'fd00:ec2::23/128', kind: 'metadata', source: 'AWS EKS Pod Identity credentials (IPv6)' },
  { cidr: 'fd00:ec2::254/128', kind: 'metadata', source: 'AWS instance metadata (IPv6)' },
  { cidr: 'fe80::/10', kind: 'link-local', source: 'link-local, RFC 4291 2.5.6' },
  { cidr: 'fec0::/10', kind: 'private', source: 'site-local, deprecated by RFC 3879' },
  { cidr: 'ff00::/8', kind: 'multicast', source: 'multicast, RFC 4291 2.7' },
];
