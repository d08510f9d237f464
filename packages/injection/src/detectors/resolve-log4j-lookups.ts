const INNERMOST = /\$\{([^${}]{0,200})\}/g;
const LOOKUP_PREFIXES = new Set([
  'env',
  'sys',
  'java',
  'lower',
  'upper',
  'date',
  'ctx',
  'main',
  'map',
  'marker',
  'bundle',
  'docker',
  'k8s',
  'log4j',
  'spring',
  'jvmrunargs',
  'base64',
  'web',
  'sd',
  'event',
  'hostname',
]);

/** What resolving a value's `${…}` lookups revealed. */
export interface Log4jLookups {
  /** A `jndi:` lookup was formed, possibly only after nested lookups were resolved. */
  readonly jndi: boolean;
  /** How many Log4j lookups (`${env:…}`, `${lower:…}`, `${::-x}`) were resolved. */
  readonly lookups: number;
}

/**
 * Resolves Log4j 2 lookups from the inside out the way the vulnerable versions did, so obfuscations such as
 * `${${lower:j}ndi:…}`, `${${::-j}${::-n}di:…}` and `${${env:X:-j}ndi…}` collapse to `${jndi:…}`. Default values
 * (`:-x`) replace a lookup; `lower:`/`upper:` return their argument; other known lookups resolve to nothing.
 * At most 8 rounds, each linear in the text.
 */
export function resolveLog4jLookups(lower: string): Log4jLookups {
  let text = lower;
  let lookups = 0;
  for (let round = 0; round < 8; round++) {
    let jndi = false;
    let changed = false;
    text = text.replace(INNERMOST, (_whole, inner: string) => {
      const content = inner.trim();
      if (/^j\s*n\s*d\s*i\s*:/.test(content)) {
        jndi = true;
        return '';
      }
      const dash = content.indexOf(':-');
      const colon = content.indexOf(':');
      const prefix = colon >= 0 ? content.slice(0, colon) : content;
      if (dash >= 0) {
        lookups++;
        changed = true;
        return content.slice(dash + 2);
      }
      if (prefix === 'lower' || prefix === 'upper') {
        lookups++;
        changed = true;
        return content.slice(colon + 1);
      }
      if (LOOKUP_PREFIXES.has(prefix)) {
        lookups++;
        changed = true;
        return '';
      }
      return `\u0000${content}\u0000`;
    });
    if (jndi) return { jndi: true, lookups };
    if (!changed) break;
  }
  return { jndi: false, lookups };
}
