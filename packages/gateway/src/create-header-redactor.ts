import { isSecretName, REDACTED_TEXT } from '@rampart/core';

/** Request or response headers as Node hands them over (response header values may be numbers). */
export type HeadersToRedact = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** Redacts the headers of one event: same result as `redactHeaders` of `@rampart/core`. */
export type HeaderRedactor = (headers: HeadersToRedact) => Record<string, string>;

/**
 * A header redactor for the gateway's hot path: the same output as core's `redactHeaders` (lower-case names,
 * repeated values joined with `, `, `Authorization`/`Proxy-Authorization` keep their scheme, every secret-named
 * header becomes `[redacted]`), with numbers written as strings, but `isSecretName` is decided once per header
 * name and remembered (at most `maxNames` names; later ones are decided every time), since a gateway sees the
 * same few dozen names on every request.
 */
export function createHeaderRedactor(maxNames = 2048): HeaderRedactor {
  const secret = new Map<string, boolean>();
  return (headers) => {
    const out: Record<string, string> = {};
    for (const name in headers) {
      const raw = headers[name];
      if (raw === undefined) continue;
      const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : raw.join(', ');
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'proxy-authorization') {
        const space = value.indexOf(' ');
        out[lower] = space > 0 ? `${value.slice(0, space)} ${REDACTED_TEXT}` : REDACTED_TEXT;
        continue;
      }
      let isSecret = secret.get(lower);
      if (isSecret === undefined) {
        isSecret = isSecretName(lower);
        if (secret.size < maxNames) secret.set(lower, isSecret);
      }
      out[lower] = isSecret ? REDACTED_TEXT : value;
    }
    return out;
  };
}
