import { RampartError } from '@rampart/core';
import { request as undiciRequest } from 'undici';
import type { ScanRequest, ScanResponse, ScanTransport } from './scan-transport.js';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** Bodies longer than this many bytes are cut (default 256 KiB). */
  readonly maxBodyBytes?: number;
  /** Per-request timeout in milliseconds, headers and body together (default 10 000). */
  readonly timeoutMs?: number;
}

/**
 * The innermost transport: one HTTP request with undici, never following redirects (a redirect is a response
 * the caller sees, so the scope guard can judge its `Location`). Any method may be sent, TRACE included.
 * Network failures become `RAMPART_ERR_SCAN_TRANSPORT` errors that name the method and URL.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): ScanTransport {
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(request: ScanRequest): Promise<ScanResponse> {
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await undiciRequest(request.url, {
          method: request.method as 'GET',
          headers: { ...request.headers },
          body: request.body ?? null,
          signal,
        });
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        for await (const chunk of response.body) {
          const buffer = chunk as Buffer;
          if (size + buffer.length > maxBodyBytes) {
            chunks.push(buffer.subarray(0, maxBodyBytes - size));
            truncated = true;
            response.body.destroy();
            break;
          }
          chunks.push(buffer);
          size += buffer.length;
        }
        const headers: Record<string, string> = {};
        let setCookies: string[] = [];
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined) continue;
          const lower = name.toLowerCase();
          if (lower === 'set-cookie') setCookies = Array.isArray(value) ? value : [value];
          headers[lower] = Array.isArray(value) ? value.join(', ') : value;
        }
        return {
          status: response.statusCode,
          headers,
          setCookies,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
          durationMs: performance.now() - started,
          request,
        };
      } catch (error) {
        throw new RampartError(
          'RAMPART_ERR_SCAN_TRANSPORT',
          `${request.method} ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error, hint: 'check that the target is running and reachable, or raise the timeout' },
        );
      }
    },
  };
}
