import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/** Hard limits of every outgoing request the clinic makes, whatever flaws are on. */
export const FETCH_TIMEOUT_MS = 2000;
export const FETCH_MAX_BYTES = 512 * 1024;

/** Why an image could not be fetched. */
export class FetchImageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FetchImageError';
  }
}

/** What was fetched. */
export interface FetchedImage {
  readonly status: number;
  readonly contentType: string;
  readonly size: number;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
}

/**
 * The safety net of the demo, independent of every flaw switch: the clinic only ever connects to a loopback
 * address or to the configured insurer origin, so its SSRF flaw can never reach beyond this machine.
 */
export function isFetchPermitted(url: URL, insurerOrigin: string | undefined): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopback(url.hostname) || (insurerOrigin !== undefined && url.origin === insurerOrigin);
}

/** GETs `target` (no redirects, 2 s, 512 KiB) when {@link isFetchPermitted}; throws {@link FetchImageError}. */
export function fetchImage(target: URL, insurerOrigin: string | undefined): Promise<FetchedImage> {
  if (!isFetchPermitted(target, insurerOrigin)) {
    // Pretend a resolver failure: the demo never sends traffic elsewhere.
    return Promise.reject(new FetchImageError(`getaddrinfo ENOTFOUND ${target.hostname}`));
  }
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'GET',
        headers: { 'user-agent': 'HarborClinicPortal/2.1 (+card-import)' },
        timeout: FETCH_TIMEOUT_MS,
      },
      (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > FETCH_MAX_BYTES)
            request.destroy(new FetchImageError(`image exceeds ${FETCH_MAX_BYTES} bytes`));
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? 'application/octet-stream'),
            size,
          }),
        );
        response.on('error', (error) =>
          reject(
            error instanceof FetchImageError ? error : new FetchImageError(error.message, { cause: error }),
          ),
        );
      },
    );
    // A total deadline, not only an idle timeout: an upstream trickling bytes must not hold the request open.
    const deadline = setTimeout(
      () =>
        request.destroy(new FetchImageError(`${target.origin} did not answer within ${FETCH_TIMEOUT_MS} ms`)),
      FETCH_TIMEOUT_MS,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () =>
      request.destroy(new FetchImageError(`${target.origin} did not answer in time`)),
    );
    request.on('error', (error) =>
      reject(error instanceof FetchImageError ? error : new FetchImageError(error.message, { cause: error })),
    );
    request.end();
  });
}
