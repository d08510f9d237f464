/**
 * The client address of a request: the socket peer, unless the peer is a trusted proxy, in which case the
 * right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries further left are set by the
 * client and can be forged). IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are reported as IPv4.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: ReadonlySet<string>,
): string {
  const peer = unmap(socketAddress ?? '');
  if (peer === '' || !trustedProxies.has(peer) || forwardedFor === undefined) return peer || '0.0.0.0';
  const hops = (typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(','))
    .split(',')
    .map((h) => unmap(h.trim()))
    .filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

function unmap(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
