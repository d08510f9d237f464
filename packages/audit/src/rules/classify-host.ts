import { isIP } from 'node:net';

/** What kind of host a URL names, for judging where a documented server or callback really lives. */
export type HostKind = 'loopback' | 'private' | 'link-local' | 'example' | 'public';

const IPV4_CHARACTERS = /^[\d.]+$/;

function ipv4Kind(ip: string): HostKind {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 127 || a === 0) return 'loopback';
  if (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  ) {
    return 'private';
  }
  if (a === 169 && b === 254) return 'link-local';
  if ((a === 192 && b === 0) || (a === 198 && (b === 51 || b === 18 || b === 19)) || (a === 203 && b === 0))
    return 'example';
  return 'public';
}

/**
 * Classifies a host name or IP literal: `loopback` (localhost, 127/8, ::1), `private` (RFC 1918, CGNAT, ULA,
 * `.local`, `.internal`, `.lan`, `.corp`, `.intranet`, `.home.arpa`), `link-local` (169.254/16, fe80::/10,
 * which includes cloud metadata), `example` (RFC 2606/6761 names, documentation address blocks) or `public`.
 */
export function classifyHost(host: string): HostKind {
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  // `isIP` runs large regular expressions (milliseconds on a host name): only IPv6 literals have a colon, and
  // only IPv4 literals are all digits and dots.
  const ip = name.includes(':') || IPV4_CHARACTERS.test(name) ? isIP(name) : 0;
  if (ip === 4) return ipv4Kind(name);
  if (ip === 6) {
    if (name === '::1' || name === '::') return 'loopback';
    if (/^f[cd]/.test(name)) return 'private';
    if (/^fe[89ab]/.test(name)) return 'link-local';
    if (name.startsWith('2001:db8')) return 'example';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    return mapped ? ipv4Kind(mapped[1]!) : 'public';
  }
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (/\.(local|internal|intranet|lan|corp|home\.arpa)$/.test(name) || !name.includes('.')) return 'private';
  if (/(^|\.)example\.(com|org|net)$/.test(name) || /\.(example|test|invalid)$/.test(name)) return 'example';
  return 'public';
}
