import { type ApiEvent, isSecretName, REDACTED_TEXT } from '@rampart/core';
import type { ApiKeyPlacement, AuthSeen } from './endpoint-stats.js';

/** How one call authenticated, and where its API key travelled when it had one. */
export interface AuthReading {
  readonly methods: readonly AuthSeen[];
  readonly apiKeys: readonly ApiKeyPlacement[];
}

const NONE: AuthReading = { methods: ['none'], apiKeys: [] };
/** Headers that are secret-named but not credentials of the caller. */
const NOT_CREDENTIALS = new Set(['cookie', 'set-cookie', 'x-csrf-token', 'x-xsrf-token', 'authorization']);

/**
 * How a call authenticated. The identity's method when the event has one; otherwise what the redacted request
 * shows: the `Authorization` scheme (`Bearer` → `bearer`, `Basic` → `basic`), secret-named headers or query
 * parameters (`X-API-Key`, `?api_key=`) → `api-key` with their placement, a `Cookie` header → `cookie` when
 * nothing else authenticated the call. Credentials themselves were redacted at capture and are never needed.
 */
export function readAuthSeen(event: ApiEvent): AuthReading {
  const apiKeys: ApiKeyPlacement[] = [];
  const methods = new Set<AuthSeen>();
  const headers = event.requestHeaders;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const scheme = (headers[name] ?? '').split(' ', 1)[0]!.toLowerCase();
      if (scheme === 'bearer') methods.add('bearer');
      else if (scheme === 'basic') methods.add('basic');
    } else if (!NOT_CREDENTIALS.has(lower) && isSecretName(lower)) {
      methods.add('api-key');
      apiKeys.push({ in: 'header', name: lower });
    }
  }
  const q = event.rawPath.indexOf('?');
  if (q >= 0) {
    for (const pair of event.rawPath.slice(q + 1).split('&')) {
      const name = safeDecode(pair.split('=', 1)[0]!);
      if (name.length > 0 && isSecretName(name)) {
        methods.add('api-key');
        apiKeys.push({ in: 'query', name });
      }
    }
  }
  if (event.identity !== undefined && event.identity.method !== 'none') {
    // The resolved method is authoritative; a bearer header then is that JWT or introspected token.
    methods.delete('bearer');
    if (event.identity.method !== 'api-key') methods.delete('api-key');
    methods.add(event.identity.method);
  }
  if (methods.size === 0) {
    const cookie = headers.cookie ?? headers.Cookie;
    if (cookie === undefined) return NONE;
    methods.add('cookie');
    for (const name of cookieNames(cookie)) apiKeys.push({ in: 'cookie', name });
  }
  return { methods: [...methods], apiKeys };
}

/** The names of session-like cookies in a (possibly redacted) `Cookie` header. */
function cookieNames(header: string): string[] {
  if (header === REDACTED_TEXT) return [];
  return header
    .split(';')
    .map((part) => part.split('=', 1)[0]!.trim())
    .filter((name) => name.length > 0 && /sess|sid|auth|token|jwt/i.test(name));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
