import type { ScanResponse } from '../transport/scan-transport.js';
import { readJsonPointer } from './read-json-pointer.js';

/** Where login responses commonly carry the token, most common first. */
export const TOKEN_POINTERS = [
  '/token',
  '/access_token',
  '/accessToken',
  '/auth_token',
  '/authToken',
  '/jwt',
  '/id_token',
  '/idToken',
  '/data/token',
  '/data/access_token',
  '/data/accessToken',
  '/data/jwt',
  '/result/token',
  '/auth/token',
  '/auth/access_token',
  '/auth/accessToken',
  '/session/token',
  '/user/token',
  '/tokens/access',
  '/token/access_token',
  '/token/accessToken',
] as const;

const TOKEN_HEADERS = ['authorization', 'x-auth-token', 'x-access-token', 'access-token', 'token'];

/** A credential found in a login response. */
export type DetectedToken =
  | { readonly from: 'body'; readonly pointer: string; readonly value: string }
  | { readonly from: 'header'; readonly name: string; readonly value: string }
  | { readonly from: 'cookies'; readonly cookies: Readonly<Record<string, string>> };

/**
 * Finds the credential a login response hands out: a non-empty string at one of {@link TOKEN_POINTERS} in
 * the JSON body, else a token response header (`Authorization: Bearer …`, `X-Auth-Token`), else the cookies it
 * sets (a session). Undefined when there is none.
 */
export function detectToken(response: ScanResponse): DetectedToken | undefined {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null) {
    for (const pointer of TOKEN_POINTERS) {
      const value = readJsonPointer(body, pointer);
      if (typeof value === 'string' && /^\S{8,}$/.test(value)) return { from: 'body', pointer, value };
    }
  }
  for (const name of TOKEN_HEADERS) {
    const raw = response.headers[name];
    if (raw === undefined) continue;
    const value = raw.replace(/^bearer\s+/i, '').trim();
    if (/^\S{8,}$/.test(value)) return { from: 'header', name, value };
  }
  const cookies: Record<string, string> = {};
  for (const line of response.setCookies) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair === undefined || eq <= 0) continue;
    const value = pair.slice(eq + 1).trim();
    // A cookie being cleared (empty, or expired in the past) is no session.
    if (value === '' || /max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) continue;
    cookies[pair.slice(0, eq).trim()] = value;
  }
  return Object.keys(cookies).length > 0 ? { from: 'cookies', cookies } : undefined;
}
