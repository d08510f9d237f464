/**
 * The same loopback URL with its host written the ways naive address filters miss: decimal (2130706433),
 * hexadecimal (0x7f000001), short (127.1), IPv6-mapped ([::ffff:127.0.0.1]) and `localhost`. Empty unless the
 * URL's host is 127.0.0.1.
 */
export function encodeLoopbackUrl(url: string): Array<{ readonly encoding: string; readonly url: string }> {
  const parsed = new URL(url);
  if (parsed.hostname !== '127.0.0.1') return [];
  const rest = `${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}${parsed.search}`;
  return [
    { encoding: 'decimal', url: `${parsed.protocol}//2130706433${rest}` },
    { encoding: 'hexadecimal', url: `${parsed.protocol}//0x7f000001${rest}` },
    { encoding: 'short', url: `${parsed.protocol}//127.1${rest}` },
    { encoding: 'ipv6-mapped', url: `${parsed.protocol}//[::ffff:127.0.0.1]${rest}` },
    { encoding: 'localhost', url: `${parsed.protocol}//localhost${rest}` },
  ];
}
