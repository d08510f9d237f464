/**
 * Whether a listen address only accepts connections from the machine itself: `localhost`, `127.0.0.0/8`, `::1`
 * (bracketed or not) and IPv4-mapped loopback. The unspecified addresses `0.0.0.0` and `::` listen everywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}
