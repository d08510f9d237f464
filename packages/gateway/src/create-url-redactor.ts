import { isSecretName, REDACTED_TEXT } from '@rampart/core';

/** Redacts the query of a request target: same result as `redactUrl` of `@rampart/core`. */
export type UrlRedactor = (url: string) => string;

const REDACTED_VALUE = encodeURIComponent(REDACTED_TEXT);

/**
 * A URL redactor for the gateway's hot path: the same output as core's `redactUrl` (the value of every
 * secret-named query parameter becomes `[redacted]`, percent-encoded; everything else is kept byte for byte), but
 * `isSecretName` is decided once per raw parameter name and remembered (at most `maxNames` names; later ones are
 * decided every time), and a target without a secret-named parameter is returned as it is, without splitting and
 * joining it.
 */
export function createUrlRedactor(maxNames = 2048): UrlRedactor {
  const secret = new Map<string, boolean>();
  const isSecret = (rawName: string): boolean => {
    let known = secret.get(rawName);
    if (known === undefined) {
      let name = rawName;
      try {
        name = decodeURIComponent(rawName);
      } catch {
        // keep the raw name: a malformed escape is not a reason to skip redaction (as core does)
      }
      known = isSecretName(name);
      if (secret.size < maxNames) secret.set(rawName, known);
    }
    return known;
  };
  return (url) => {
    const q = url.indexOf('?');
    if (q < 0) return url;
    let found = false;
    for (let start = q + 1; start <= url.length; ) {
      let end = url.indexOf('&', start);
      if (end < 0) end = url.length;
      const eq = url.indexOf('=', start);
      if (eq >= 0 && eq < end && isSecret(url.slice(start, eq))) {
        found = true;
        break;
      }
      start = end + 1;
    }
    if (!found) return url;
    const params = url
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const rawName = pair.slice(0, eq);
        return isSecret(rawName) ? `${rawName}=${REDACTED_VALUE}` : pair;
      });
    return `${url.slice(0, q)}?${params.join('&')}`;
  };
}
