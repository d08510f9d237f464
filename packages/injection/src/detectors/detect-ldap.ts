import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { InjectionDetector } from '../injection-detector.js';

const FILTER_BREAKOUT = /\)\s*\(\s*[|&!]|\*\s*\)\s*\(|\)\s*\(\s*[a-z][a-z0-9-]{0,40}\s*[~<>]?=/;
const FILTER_START = /\(\s*[|&]\s*\(\s*[a-z][a-z0-9-]{0,40}\s*[~<>]?=/;

/**
 * LDAP filter injection: a value that closes the filter it is placed in and opens another (`*)(uid=*`,
 * `admin)(|(password=*)`, `x)(&)`), or that carries a complete OR/AND filter (`(|(uid=*)…`). Parentheses in prose
 * ("(see above) (2)") have no `=`, `*` or filter operator after them.
 */
export const ldapDetector: InjectionDetector = {
  class: 'ldap',
  triggers: CharClass.PAREN,
  detect(text, lower) {
    const breakout = FILTER_BREAKOUT.exec(lower);
    if (breakout !== null)
      return { score: 0.85, ruleId: 'ldap-filter-breakout', evidence: excerpt(text, breakout.index) };
    const start = FILTER_START.exec(lower);
    if (start !== null) return { score: 0.7, ruleId: 'ldap-filter', evidence: excerpt(text, start.index) };
    return undefined;
  },
};
