import { classifyHost, type HostKind } from '@rampart/core';

/** Where a documented server or callback lives, in the words the audit's messages use. */
export type ServerHostKind = 'loopback' | 'private' | 'link-local' | 'example' | 'public';

/**
 * The audit's reading of `classifyHost`: the unspecified address counts as loopback (a client connecting to
 * 0.0.0.0 or `::` reaches its own machine), carrier-grade NAT as private, cloud metadata as the link-local range it
 * lives in, documentation and benchmarking ranges and names as placeholders. Multicast and reserved addresses,
 * ordinary names and invalid hosts are not reported.
 */
const SERVER_HOST_KINDS: Readonly<Record<HostKind, ServerHostKind>> = {
  loopback: 'loopback',
  unspecified: 'loopback',
  private: 'private',
  cgnat: 'private',
  'link-local': 'link-local',
  metadata: 'link-local',
  documentation: 'example',
  benchmarking: 'example',
  multicast: 'public',
  reserved: 'public',
  public: 'public',
  name: 'public',
  invalid: 'public',
};

/**
 * Classifies the host of a server or callback URL (`URL.hostname`, brackets and all) as `loopback`, `private`
 * (RFC 1918, CGNAT, unique-local, `.internal`, `.local`, `.lan`, `.corp`, single-label names, …), `link-local`
 * (including cloud metadata), `example` (documentation names and address blocks) or `public`.
 */
export function classifyServerHost(host: string): ServerHostKind {
  return SERVER_HOST_KINDS[classifyHost(host).kind];
}
