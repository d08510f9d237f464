import type { TLSSocket } from 'node:tls';
import type { ClientCertificate } from './request-context.js';

const cache = new WeakMap<TLSSocket, ClientCertificate | null>();

/**
 * The client certificate of a TLS connection, read once per connection (not per request) and cached.
 * `undefined` when the client presented none.
 */
export function readClientCertificate(socket: TLSSocket): ClientCertificate | undefined {
  const cached = cache.get(socket);
  if (cached !== undefined) return cached ?? undefined;
  const peer = socket.getPeerCertificate();
  if (!peer || Object.keys(peer).length === 0 || !peer.fingerprint256) {
    cache.set(socket, null);
    return undefined;
  }
  const cn = peer.subject?.CN;
  const commonName = Array.isArray(cn) ? cn[0] : cn;
  const cert: ClientCertificate = {
    subject: formatName(peer.subject),
    ...(commonName !== undefined ? { commonName } : {}),
    subjectAltNames: peer.subjectaltname ? peer.subjectaltname.split(', ').map((s) => s.trim()) : [],
    issuer: formatName(peer.issuer),
    fingerprint256: peer.fingerprint256,
    authorized: socket.authorized,
  };
  cache.set(socket, cert);
  return cert;
}

function formatName(name: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  if (!name) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(name)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${key}=${v}`);
  }
  return parts.join(', ');
}
