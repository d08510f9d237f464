import { classifyHost } from './classify-host.js';

/**
 * Whether traffic to `host` stays on the machine without trusting any DNS answer: a loopback address in any
 * notation (`127.0.0.1`, `127.1`, `::1`, `[::1]`, `::ffff:127.0.0.1`), or `localhost` and `*.localhost`, which
 * resolvers must answer with loopback themselves (RFC 6761 §6.3). Names that only public DNS maps to loopback
 * (`lvh.me`, `127.0.0.1.nip.io`) are not: whoever controls that DNS decides where they point. For rules such as
 * "plain http only on loopback" and "admin listeners bound to loopback".
 */
export function isLoopbackHost(host: string): boolean {
  const classified = classifyHost(host);
  if (classified.kind !== 'loopback') return false;
  if (classified.basis === 'address') return true;
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
