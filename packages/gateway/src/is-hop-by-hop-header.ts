/** RFC 9110 §7.6.1 connection-specific fields, plus the legacy ones proxies also drop. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/**
 * True when a header (lower-case name) belongs to one connection and must not be forwarded: the RFC 9110 list,
 * every `Proxy-*` header, and any header the message's own `Connection` header names (`connectionTokens`).
 */
export function isHopByHopHeader(name: string, connectionTokens: ReadonlySet<string> | undefined): boolean {
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-') || (connectionTokens?.has(name) ?? false);
}
