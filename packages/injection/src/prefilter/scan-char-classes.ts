import { CharClass } from './char-class.js';

/** Class bits of each ASCII code unit (index 0–127), built once. */
const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(128);
  const set = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      t[c] = (t[c] as number) | bit;
    }
  };
  set('\'"`', CharClass.QUOTE);
  set('()', CharClass.PAREN);
  set('<>', CharClass.ANGLE);
  set(';', CharClass.SEMI);
  set('|&', CharClass.PIPE_AMP);
  set('$', CharClass.DOLLAR);
  set('{}', CharClass.BRACE);
  set('[]', CharClass.BRACKET);
  set('/', CharClass.SLASH);
  set('\\', CharClass.BACKSLASH);
  set('%', CharClass.PERCENT);
  set('=', CharClass.EQUALS);
  set('#', CharClass.HASH);
  set('-', CharClass.DASH);
  set(':', CharClass.COLON);
  set('@', CharClass.AT);
  set('*', CharClass.STAR);
  set('?', CharClass.QUESTION);
  set('+', CharClass.PLUS);
  set('~', CharClass.TILDE);
  set('!', CharClass.BANG);
  set('.', CharClass.DOT);
  set('^', CharClass.CARET);
  set(',', CharClass.COMMA);
  set(' ', CharClass.SPACE);
  set('0123456789', CharClass.DIGIT);
  set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', CharClass.LETTER);
  set('_', CharClass.UNDERSCORE);
  set('ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ', CharClass.NON_HEX_LETTER);
  for (let c = 0; c < 32; c++) t[c] = (t[c] as number) | CharClass.CONTROL;
  t[127] = (t[127] as number) | CharClass.CONTROL;
  return t;
})();

/**
 * The union of the {@link CharClass} bits of every character of `text`: one pass, one table lookup per code unit,
 * no allocation. The inspector computes it once per decoded reading and every detector's prefilter reads it.
 */
export function scanCharClasses(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= c < 128 ? (TABLE[c] as number) : CharClass.NON_ASCII;
  }
  return mask;
}
