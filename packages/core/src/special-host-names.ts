import type { HostBasis, HostKind } from './classify-host.js';

/** What a special host name means: a kind, or a wildcard DNS service that answers with the address in the name. */
export type SpecialHostName =
  | { readonly kind: HostKind; readonly basis: Exclude<HostBasis, 'address'> }
  | { readonly embedsAddress: true };

const loopback = { kind: 'loopback', basis: 'name' } as const;
const metadata = { kind: 'metadata', basis: 'name' } as const;
const privateName = { kind: 'private', basis: 'name' } as const;
const privateByConvention = { kind: 'private', basis: 'convention' } as const;
const documentation = { kind: 'documentation', basis: 'name' } as const;
const embedsAddress = { embedsAddress: true } as const;

/** Names that mean something only as a whole (a subdomain of them is just a name under a private suffix). */
export const SPECIAL_EXACT_NAMES: ReadonlyMap<string, SpecialHostName> = new Map<string, SpecialHostName>([
  // Cloud instance metadata services: GCP, AWS (resolved through the VPC's search domain), Azure, Equinix, Tencent.
  ['metadata', metadata],
  ['metadata.google.internal', metadata],
  ['metadata.goog', metadata],
  ['instance-data', metadata],
  ['instance-data.ec2.internal', metadata],
  ['metadata.azure.internal', metadata],
  ['metadata.platformequinix.com', metadata],
  ['metadata.tencentyun.com', metadata],
  // The Kubernetes API server from inside a pod (search domain `svc.cluster.local`).
  ['kubernetes.default', privateName],
]);

/** Names that mean the same for themselves and for every name under them, matched from the longest suffix. */
export const SPECIAL_NAME_SUFFIXES: ReadonlyMap<string, SpecialHostName> = new Map<string, SpecialHostName>([
  // RFC 6761 6.3, and the loopback names of common /etc/hosts files.
  ['localhost', loopback],
  ['localhost4', loopback],
  ['localhost6', loopback],
  ['localhost.localdomain', loopback],
  ['localhost4.localdomain4', loopback],
  ['localhost6.localdomain6', loopback],
  ['ip6-localhost', loopback],
  ['ip6-loopback', loopback],
  ['ipv6-localhost', loopback],
  ['ipv6-loopback', loopback],
  // Public DNS names whose every subdomain resolves to 127.0.0.1 (used to dodge host-name blocklists).
  ['localtest.me', loopback],
  ['lvh.me', loopback],
  ['vcap.me', loopback],
  ['lacolhost.com', loopback],
  // Reserved for private use: `.internal` (ICANN, 2024), `.local` (multicast DNS, RFC 6762, and Kubernetes'
  // `cluster.local`), `.home.arpa` (RFC 8375); Kubernetes service names (`name.namespace.svc`).
  ['internal', privateName],
  ['local', privateName],
  ['home.arpa', privateName],
  ['svc', privateName],
  // Top-level names never delegated in the public DNS and widely used inside organisations.
  ['lan', privateByConvention],
  ['corp', privateByConvention],
  ['home', privateByConvention],
  ['intranet', privateByConvention],
  // Reserved for documentation and testing: RFC 2606, RFC 6761 6.2-6.5.
  ['example', documentation],
  ['test', documentation],
  ['invalid', documentation],
  ['example.com', documentation],
  ['example.net', documentation],
  ['example.org', documentation],
  // Wildcard DNS services that answer with the address written in the name (10.0.0.1.nip.io, 127-0-0-1.sslip.io).
  ['nip.io', embedsAddress],
  ['sslip.io', embedsAddress],
  ['xip.io', embedsAddress],
  ['nip.direct', embedsAddress],
]);
