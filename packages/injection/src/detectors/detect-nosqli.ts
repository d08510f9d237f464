import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

const OPERATORS =
  'ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|expr|or|and|not|nor|elemmatch|function|accumulator|all|size|type|mod|text|jsonschema|options';
const CODE_OPERATORS = new Set(['where', 'function', 'accumulator', 'expr']);
const OPERATOR_KEY = new RegExp(`^\\$(${OPERATORS})$`);
const BRACKET_OPERATOR = new RegExp(`\\[\\s*\\$(${OPERATORS})\\s*\\]`);
const JSON_OPERATOR = new RegExp(`[{,]\\s*["']?\\$(${OPERATORS})["']?\\s*:`);
const PROTO_KEY = /(?:^|[[.'"])(?:__proto__|constructor\s*(?:\.|\[)\s*['"]?prototype)(?:['"]?[\].[]|$)/;
const JS_BREAKOUT =
  /['"]\s*(?:;|\|\||&&)\s*(?:return\b|this\.|while\s*\(|sleep\s*\(|db\.|var\s|let\s|function\s*\()/;

/**
 * NoSQL injection (MongoDB-style operators) and object-key injection. An object key that is an operator (`$ne`,
 * `$gt`, `$regex`, `$where`, …) or a query key in bracket syntax (`password[$ne]`) is the attack itself; code
 * operators (`$where`, `$function`) score highest. In string values: JSON with operator keys (`{"$ne": null}`
 * sent as text), bracket operators, and breakouts into `$where` JavaScript (`'; return true; var x='`).
 * Prototype pollution keys (`__proto__`, `constructor[prototype]`) are reported here too (rule
 * `nosqli-prototype-pollution`): same mechanism, attacker-chosen keys merged into a server-side object.
 */
export const nosqliDetector: InjectionDetector = {
  class: 'nosqli',
  triggers: CharClass.DOLLAR | CharClass.QUOTE,
  prefilter: (lower) => lower.includes('__proto__') || lower.includes('prototype'),
  detect(text, lower, kind) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    if (kind === 'key') {
      const op = OPERATOR_KEY.exec(lower);
      if (op !== null) take(CODE_OPERATORS.has(op[1] as string) ? 0.95 : 0.9, 'nosqli-operator-key', 0);
    }
    const dollar = lower.includes('$');
    const bracket = dollar ? BRACKET_OPERATOR.exec(lower) : null;
    if (bracket !== null) take(kind === 'key' ? 0.9 : 0.75, 'nosqli-operator-key', bracket.index);
    const json = dollar ? JSON_OPERATOR.exec(lower) : null;
    if (json !== null)
      take(CODE_OPERATORS.has(json[1] as string) ? 0.9 : 0.85, 'nosqli-operator-json', json.index);
    const js =
      lower.includes(';') || lower.includes('||') || lower.includes('&&') ? JS_BREAKOUT.exec(lower) : null;
    if (js !== null) take(0.8, 'nosqli-where-breakout', js.index);
    if (lower.includes('__proto__') || lower.includes('prototype')) {
      const proto = PROTO_KEY.exec(lower);
      if (proto !== null) take(kind === 'key' ? 0.9 : 0.75, 'nosqli-prototype-pollution', proto.index);
      else if (kind === 'key' && lower === 'constructor') take(0.5, 'nosqli-prototype-pollution', 0);
    }
    return best;
  },
};
