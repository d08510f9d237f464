import type { InjectionClass } from './injection-class.js';

/** One detection: which class, how sure, where, and what matched. Detections are data, never exceptions. */
export interface InjectionHit {
  readonly class: InjectionClass;
  /** Confidence from 0 to 1. Paranoia 1 reports hits scoring at least 0.7, paranoia 2 at least 0.5, 3 at least 0.3. */
  readonly score: number;
  /** The matched fragment of the (decoded) value, truncated to 96 characters. May contain attacker text: escape it. */
  readonly evidence: string;
  /**
   * Where the value was found: `path`, `query.q`, `query.q[key]` (the parameter name itself), `header.user-agent`,
   * `cookie.session`, `body` (a string body), `body./user/name` (a JSON pointer into a parsed body).
   */
  readonly location: string;
  /** The decoding layers applied before the match, outermost first, e.g. `['url', 'base64']`. Empty for the raw value. */
  readonly decoded: readonly string[];
  /** The stable id of the rule that matched, e.g. `sqli-tautology`. */
  readonly ruleId: string;
}
