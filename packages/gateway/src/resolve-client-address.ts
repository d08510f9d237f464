import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { AddressMatcher } from './create-address-matcher.js';

/** Headers through which a client can claim another address, protocol, host or path. */
export const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'x-cluster-client-ip',
  'client-ip',
] as const;

/** Who the client is and how it reached the edge, after deciding which forwarding headers to believe. */
export interface ClientAddress {
  /** The client's address (IPv4-mapped IPv6 shown as plain IPv4). */
  readonly clientIp: string;
  /** The direct peer's address. */
  readonly peerIp: string;
  /** Whether the direct peer is a trusted proxy (and its forwarding headers were kept). */
  readonly trustedPeer: boolean;
  /** `http` or `https`, as the client used it. */
  readonly proto: string;
  /** The host the client asked for. */
  readonly host: string | undefined;
}

/**
 * Resolves the client address. When the peer is a trusted proxy, the `Forwarded` (RFC 7239) or else
 * `X-Forwarded-For` chain is walked from the right, skipping trusted proxies; the first untrusted hop is the
 * client. Otherwise the peer is the client, and the caller must strip `FORWARDING_HEADERS`.
 */
export function resolveClientAddress(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
  secure: boolean,
  trusted: AddressMatcher,
): ClientAddress {
  const peerIp = displayAddress(remoteAddress ?? '');
  const ownProto = secure ? 'https' : 'http';
  if (!trusted(peerIp))
    return { clientIp: peerIp, peerIp, trustedPeer: false, proto: ownProto, host: headers.host };

  const forwarded = headers.forwarded;
  let chain: string[];
  let proto: string | undefined;
  let host: string | undefined;
  if (forwarded !== undefined) {
    chain = [];
    for (const element of forwarded.split(',')) {
      let forValue: string | undefined;
      for (const pair of element.split(';')) {
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        const name = pair.slice(0, eq).trim().toLowerCase();
        const value = unquote(pair.slice(eq + 1).trim());
        if (name === 'for') forValue = value;
        else if (name === 'proto') proto = value.toLowerCase();
        else if (name === 'host') host = value;
      }
      chain.push(forValue ?? '');
    }
  } else {
    const xff = headers['x-forwarded-for'];
    chain =
      xff === undefined ? [] : (Array.isArray(xff) ? xff.join(',') : xff).split(',').map((s) => s.trim());
    proto = firstValue(headers['x-forwarded-proto'])?.toLowerCase();
    host = firstValue(headers['x-forwarded-host']);
  }
  let clientIp = peerIp;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = stripPort(chain[i] as string);
    if (isIP(hop) === 0) break; // unknown, obfuscated or malformed: stop at the last hop we can vouch for
    clientIp = displayAddress(hop);
    if (!trusted(clientIp)) break;
  }
  return {
    clientIp,
    peerIp,
    trustedPeer: true,
    proto: proto === 'http' || proto === 'https' ? proto : ownProto,
    host: host ?? headers.host,
  };
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; other addresses unchanged. */
function displayAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  return (comma < 0 ? text : text.slice(0, comma)).trim();
}

/** `[2001:db8::1]:4711` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`. */
function stripPort(hop: string): string {
  if (hop.startsWith('[')) {
    const end = hop.indexOf(']');
    return end < 0 ? hop : hop.slice(1, end);
  }
  const colon = hop.indexOf(':');
  return colon >= 0 && hop.indexOf(':', colon + 1) < 0 ? hop.slice(0, colon) : hop;
}
