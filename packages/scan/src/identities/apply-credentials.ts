import type { ScanRequest } from '../transport/scan-transport.js';
import type { Credentials, HeldJwt } from './identity-session.js';

/** A copy of `request` carrying `credentials`: headers set (replacing same-named ones), cookies appended. */
export function applyCredentials(request: ScanRequest, credentials: Credentials): ScanRequest {
  const headers: Record<string, string> = { ...request.headers };
  const lowerNames = new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
  for (const [name, value] of Object.entries(credentials.headers)) {
    const existing = lowerNames.get(name.toLowerCase());
    if (existing !== undefined) delete headers[existing];
    headers[name] = value;
  }
  const cookiePairs = Object.entries(credentials.cookies).map(([name, value]) => `${name}=${value}`);
  if (cookiePairs.length > 0) {
    const existing = lowerNames.get('cookie');
    const prior = existing === undefined ? undefined : headers[existing];
    if (existing !== undefined) delete headers[existing];
    headers['cookie'] = [prior, ...cookiePairs].filter(Boolean).join('; ');
  }
  return { ...request, headers };
}

/** The same credentials with the held JWT replaced by `token` in the same place (for forged tokens). */
export function replaceJwt(credentials: Credentials, held: HeldJwt, token: string): Credentials {
  if (held.place.kind === 'cookie') {
    return {
      ...credentials,
      cookies: { ...credentials.cookies, [held.place.name]: token },
      jwt: { ...held, token },
    };
  }
  return {
    ...credentials,
    headers: { ...credentials.headers, [held.place.name]: `${held.place.prefix}${token}` },
    jwt: { ...held, token },
  };
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Finds a JWT among credentials: `Authorization: Bearer <jwt>`, any header value, or a cookie value. */
export function findHeldJwt(
  headers: Readonly<Record<string, string>>,
  cookies: Readonly<Record<string, string>>,
): HeldJwt | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const match = /^(\w+\s+)?(\S+)$/.exec(value);
    if (match && JWT.test(match[2]!) && match[2]!.startsWith('ey')) {
      return { token: match[2]!, place: { kind: 'header', name, prefix: match[1] ?? '' } };
    }
  }
  for (const [name, value] of Object.entries(cookies)) {
    if (JWT.test(value) && value.startsWith('ey')) return { token: value, place: { kind: 'cookie', name } };
  }
  return undefined;
}
