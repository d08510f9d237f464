import { excerpt } from '../excerpt.js';
import type { InjectionDetector } from '../injection-detector.js';
import { resolveLog4jLookups } from './resolve-log4j-lookups.js';

/**
 * JNDI lookups (Log4Shell, CVE-2021-44228) in any part of the request, headers included: `${jndi:ldap://…}` and
 * every nested or obfuscated form that resolves to it (see {@link resolveLog4jLookups}); a bare `jndi:ldap://`
 * URL; and other Log4j lookups (`${env:AWS_SECRET_ACCESS_KEY}`), used to exfiltrate through DNS, at 0.7.
 */
export const jndiDetector: InjectionDetector = {
  class: 'jndi',
  triggers: 0,
  prefilter: (lower) => lower.includes('${') || lower.includes('jndi'),
  detect(text, lower) {
    const start = lower.indexOf('${');
    if (start >= 0) {
      const resolved = resolveLog4jLookups(lower.slice(start));
      if (resolved.jndi) return { score: 0.95, ruleId: 'jndi-lookup', evidence: excerpt(text, start) };
      if (resolved.lookups > 0)
        return { score: 0.7, ruleId: 'jndi-log4j-lookup', evidence: excerpt(text, start) };
    }
    const bare = /jndi\s*:\s*(?:ldaps?|rmi|dns|iiop|corba|nds|nis|http)s?\s*:/.exec(lower);
    if (bare !== null) return { score: 0.8, ruleId: 'jndi-url', evidence: excerpt(text, bare.index) };
    return undefined;
  },
};
