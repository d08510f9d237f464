import { isIPv4, isIPv6 } from 'node:net';

/**
 * Parses an IPv4 or IPv6 address into 16 bytes. IPv4 addresses (and IPv4-mapped IPv6 addresses such as
 * `::ffff:127.0.0.1`, which is how Node reports IPv4 peers on a dual-stack socket) become `::ffff:a.b.c.d`,
 * so one comparison covers both families. A zone id (`fe80::1%eth0`) is ignored. Returns `undefined` for
 * anything that is not an address.
 */
export function parseIpAddress(text: string): Uint8Array | undefined {
  const zone = text.indexOf('%');
  const address = zone >= 0 ? text.slice(0, zone) : text;
  if (isIPv4(address)) {
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    writeIpv4(address, bytes, 12);
    return bytes;
  }
  if (!isIPv6(address)) return undefined;
  const bytes = new Uint8Array(16);
  let head = address;
  let tail = '';
  const gap = address.indexOf('::');
  if (gap >= 0) {
    head = address.slice(0, gap);
    tail = address.slice(gap + 2);
  }
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const toBytes = (groups: string[]): number[] => {
    const out: number[] = [];
    for (const group of groups) {
      if (group.includes('.')) {
        const v4 = new Uint8Array(4);
        writeIpv4(group, v4, 0);
        out.push(...v4);
      } else {
        const value = Number.parseInt(group, 16);
        out.push(value >> 8, value & 0xff);
      }
    }
    return out;
  };
  const headBytes = toBytes(headGroups);
  const tailBytes = toBytes(tailGroups);
  bytes.set(headBytes, 0);
  bytes.set(tailBytes, 16 - tailBytes.length);
  return bytes;
}

function writeIpv4(address: string, into: Uint8Array, offset: number): void {
  const parts = address.split('.');
  for (let i = 0; i < 4; i++) into[offset + i] = Number(parts[i]);
}
