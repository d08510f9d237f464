import type { ScanTransport } from './scan-transport.js';

/** The header every scan request carries, so targets can recognise (and log or exclude) scan traffic. */
export const SCAN_TAG_HEADER = 'x-rampart-scan';

/** Adds `X-Rampart-Scan: <scanId>` to every request (replacing any value a caller set). */
export function withScanTag(inner: ScanTransport, scanId: string): ScanTransport {
  if (!/^[\w.-]{1,64}$/.test(scanId)) {
    throw new TypeError(`scan id must be 1-64 letters, digits, '.', '_' or '-', got "${scanId}"`);
  }
  return {
    send(request) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers ?? {})) {
        if (name.toLowerCase() !== SCAN_TAG_HEADER) headers[name] = value;
      }
      headers[SCAN_TAG_HEADER] = scanId;
      return inner.send({ ...request, headers });
    },
  };
}
