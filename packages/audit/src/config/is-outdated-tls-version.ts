const OUTDATED = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1']);

/** Whether a configured TLS minimum version is SSL, TLS 1.0 or TLS 1.1, all deprecated by RFC 8996. */
export function isOutdatedTlsVersion(version: unknown): version is string {
  return typeof version === 'string' && OUTDATED.has(version.trim().toLowerCase());
}
