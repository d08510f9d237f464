import type { ScanRequest, ScanTransport } from './scan-transport.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Follows up to `maxHops` redirects, each one sent through `inner` (so the scope guard judges every `Location`
 * before it is contacted). 303, and 301/302 after a POST, become a GET without body (RFC 9110 section 15.4).
 * Credentials are dropped when a hop changes origin. Put it outside `withScope`.
 */
export function withRedirects(inner: ScanTransport, maxHops = 5): ScanTransport {
  return {
    async send(request) {
      let current: ScanRequest = request;
      let response = await inner.send(current);
      for (let hop = 0; hop < maxHops && REDIRECTS.has(response.status); hop++) {
        const location = response.headers['location'];
        if (location === undefined) break;
        const next = new URL(location, current.url);
        const toGet =
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && current.method === 'POST');
        const sameOrigin = next.origin === new URL(current.url).origin;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(current.headers ?? {})) {
          const lower = name.toLowerCase();
          if (!sameOrigin && (lower === 'authorization' || lower === 'cookie')) continue;
          if (toGet && (lower === 'content-type' || lower === 'content-length')) continue;
          headers[name] = value;
        }
        const { body, ...withoutBody } = current;
        current = {
          ...withoutBody,
          method: toGet ? 'GET' : current.method,
          url: next.href,
          headers,
          ...(toGet || body === undefined ? {} : { body }),
        };
        response = await inner.send(current);
      }
      return response;
    },
  };
}
