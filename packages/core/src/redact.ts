import { REDACTED_TEXT } from './secret.js';

/** Header names whose values are credentials or session state. Compared lower-case. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
]);

/** Substrings that mark a name as secret wherever they appear (`userPassword`, `client_secret`, `x-refresh-token`). */
const SECRET_SUBSTRING =
  /(passw|passphrase|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential|signature|session[-_]?id|cookie)/;
/** Whole words that mark a name as secret only on their own (`pin` yes, `shipping` no). */
const SECRET_WORDS = new Set([
  'pass',
  'pwd',
  'pin',
  'otp',
  'cvv',
  'cvc',
  'auth',
  'session',
  'sid',
  'jwt',
  'authorization',
]);

/** True when a header, parameter or field with this name should be redacted. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower) || SECRET_SUBSTRING.test(lower)) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORDS.has(w));
}

/**
 * A copy of `headers` with every credential-bearing value replaced by `[redacted]`. For `Authorization`, the
 * scheme is kept (`Bearer [redacted]`) because it is useful and not secret.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? raw : raw.join(', ');
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const space = value.indexOf(' ');
      out[lower] = space > 0 ? `${value.slice(0, space)} ${REDACTED_TEXT}` : REDACTED_TEXT;
    } else if (isSecretName(lower)) {
      out[lower] = REDACTED_TEXT;
    } else {
      out[lower] = value;
    }
  }
  return out;
}

/** Redacts the values of secret-named query parameters in a URL or path+query, keeping the rest intact. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // keep the raw name: a malformed escape is not a reason to skip redaction
      }
      return isSecretName(name) ? `${pair.slice(0, eq)}=${encodeURIComponent(REDACTED_TEXT)}` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/**
 * Deep copy of a JSON value with the values of secret-named object keys replaced by `[redacted]`.
 * Bounded: deeper than `maxDepth` is replaced by `[truncated]` so hostile bodies cannot exhaust the stack.
 */
export function redactJson(value: unknown, maxDepth = 32): unknown {
  if (maxDepth < 0) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redactJson(v, maxDepth - 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        isSecretName(k) && (typeof v === 'string' || typeof v === 'number')
          ? REDACTED_TEXT
          : redactJson(v, maxDepth - 1);
    }
    return out;
  }
  return value;
}
