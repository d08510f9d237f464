import { RampartError } from '@rampart/core';
import type { ScanTransport } from './scan-transport.js';

/** Counts what the scope guard refused, so the scan summary can show it. */
export interface ScopeStats {
  refused: number;
  /** The refused origins, each once. */
  readonly refusedOrigins: Set<string>;
}

/**
 * Only the given target origins are ever contacted. Any other URL (another host, port or scheme, a URL that
 * does not parse, credentials in the URL) is refused with `RAMPART_ERR_SCAN_OUT_OF_SCOPE` before a packet is
 * sent, and counted in `stats`. Origins are compared after URL normalization (`HTTP://Host:80` = `http://host`).
 */
export function withScope(
  inner: ScanTransport,
  targets: readonly string[],
  stats: ScopeStats = { refused: 0, refusedOrigins: new Set() },
): ScanTransport & { readonly stats: ScopeStats } {
  if (targets.length === 0) throw new TypeError('withScope needs at least one target origin, got none');
  const allowed = new Set(
    targets.map((target) => {
      const url = new URL(target);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TypeError(`scan target must be an http(s) URL, got "${target}"`);
      }
      return url.origin;
    }),
  );
  return {
    stats,
    send(request) {
      let origin: string | undefined;
      let reason = '';
      try {
        const url = new URL(request.url);
        if (url.username !== '' || url.password !== '') reason = 'it carries credentials in the URL';
        else if (!allowed.has(url.origin)) reason = `its origin ${url.origin} is not a target`;
        origin = url.origin;
      } catch {
        reason = 'it is not an absolute URL';
      }
      if (reason !== '') {
        stats.refused++;
        stats.refusedOrigins.add(origin ?? request.url.slice(0, 100));
        return Promise.reject(
          new RampartError(
            'RAMPART_ERR_SCAN_OUT_OF_SCOPE',
            `refused ${request.method} ${request.url.slice(0, 200)}: ${reason}`,
            {
              hint: `only ${[...allowed].join(', ')} may be contacted; add the origin as a target if it is yours`,
            },
          ),
        );
      }
      return inner.send(request);
    },
  };
}
