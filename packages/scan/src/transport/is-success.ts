import type { ScanResponse } from './scan-transport.js';

/**
 * A response arrived and its status is 2xx: the API did what was asked. Given a response that may be missing, it
 * also narrows it to a response.
 */
export function isSuccess(response: ScanResponse): boolean;
export function isSuccess(response: ScanResponse | undefined): response is ScanResponse;
export function isSuccess(response: ScanResponse | undefined): boolean {
  return response !== undefined && response.status >= 200 && response.status < 300;
}
