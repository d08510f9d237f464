import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** Hard limits of every outgoing request the demo makes, whatever flaws are on. */
export const FETCH_TIMEOUT_MS = 2000;
export const FETCH_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
/** The safety cap of a longer deadline (the api10-provider-no-timeout flaw): nothing waits longer. */
export const FETCH_MAX_TIMEOUT_MS = 30_000;

/** Why an outgoing request did not produce a response. */
export class FetchError extends Error {
  readonly reason: 'blocked' | 'timeout' | 'too_large' | 'network';

  constructor(reason: FetchError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FetchError';
    this.reason = reason;
  }
}

export interface FetchGuardedOptions {
  /** The one non-loopback origin the demo may reach (the configured canary). */
  readonly canaryOrigin: string | undefined;
  readonly followRedirects: boolean;
  /** Lower than {@link FETCH_MAX_BYTES} to enforce a tighter cap. */
  readonly maxBytes?: number;
  /** Deadline of one hop (default {@link FETCH_TIMEOUT_MS}); at most {@link FETCH_MAX_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FetchGuardedResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The URL that answered (after redirects, when followed). */
  readonly url: string;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * The safety net of the demo, independent of every flaw switch: an outgoing request may only go to a loopback
 * address or to the configured canary origin, so a deliberately SSRF-prone endpoint can never reach the internet.
 */
export function isFetchPermitted(url: URL, canaryOrigin: string | undefined): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackHost(url.hostname) || (canaryOrigin !== undefined && url.origin === canaryOrigin);
}

function once(url: URL, options: FetchGuardedOptions, maxBytes: number): Promise<FetchGuardedResult> {
  const timeoutMs = Math.min(options.timeoutMs ?? FETCH_TIMEOUT_MS, FETCH_MAX_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: options.method ?? 'GET',
        headers: { 'user-agent': 'VulnerableBank/1.4 (+fetcher)', ...options.headers },
        timeout: timeoutMs,
        // localhost must resolve to loopback, never through a resolver that could say otherwise.
        ...(url.hostname === 'localhost' ? { lookup: loopbackLookup } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(
              new FetchError('too_large', `response from ${url.origin} exceeds ${maxBytes} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            url: url.href,
          }),
        );
        response.on('error', reject);
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new FetchError('timeout', `${url.origin} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () =>
      request.destroy(new FetchError('timeout', `${url.origin} did not answer within ${timeoutMs} ms`)),
    );
    request.on('error', (error) =>
      reject(
        error instanceof FetchError ? error : new FetchError('network', error.message, { cause: error }),
      ),
    );
    request.end(options.body);
  });
}

const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/**
 * Makes one outgoing HTTP(S) request under the demo's hard limits (loopback or canary only, 2 s, 1 MB), following
 * redirects only when asked (each hop re-checked). Throws {@link FetchError}.
 */
export async function fetchGuarded(
  target: string,
  options: FetchGuardedOptions,
): Promise<FetchGuardedResult> {
  const maxBytes = Math.min(options.maxBytes ?? FETCH_MAX_BYTES, FETCH_MAX_BYTES);
  let url: URL;
  try {
    url = new URL(target);
  } catch (error) {
    throw new FetchError('network', `invalid URL ${JSON.stringify(target)}`, { cause: error });
  }
  for (let hop = 0; ; hop++) {
    if (!isFetchPermitted(url, options.canaryOrigin)) {
      // Pretend a resolver failure: the demo never sends traffic beyond loopback and the canary.
      throw new FetchError('blocked', `getaddrinfo ENOTFOUND ${url.hostname}`);
    }
    const result = await once(url, options, maxBytes);
    const location = result.headers.location;
    if (!options.followRedirects || result.status < 300 || result.status > 399 || location === undefined)
      return result;
    if (hop >= MAX_REDIRECTS)
      throw new FetchError('network', `more than ${MAX_REDIRECTS} redirects from ${target}`);
    url = new URL(location, url);
  }
}
