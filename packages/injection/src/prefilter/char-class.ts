/**
 * Bits of the character-class mask computed once per value by {@link scanCharClasses}. A detector declares the
 * classes that can start its attacks (`triggers`); a value with none of them skips the detector without running a
 * single regular expression.
 */
export const CharClass = Object.freeze({
  QUOTE: 1 << 0, // ' " `
  PAREN: 1 << 1, // ( )
  ANGLE: 1 << 2, // < >
  SEMI: 1 << 3, // ;
  PIPE_AMP: 1 << 4, // | &
  DOLLAR: 1 << 5, // $
  BRACE: 1 << 6, // { }
  BRACKET: 1 << 7, // [ ]
  SLASH: 1 << 8, // /
  BACKSLASH: 1 << 9, // \
  PERCENT: 1 << 10, // %
  EQUALS: 1 << 11, // =
  HASH: 1 << 12, // #
  DASH: 1 << 13, // -
  COLON: 1 << 14, // :
  CONTROL: 1 << 15, // CR, LF, TAB, NUL and other C0 controls, DEL
  NON_ASCII: 1 << 16, // anything above U+007F
  AT: 1 << 17, // @
  STAR: 1 << 18, // *
  QUESTION: 1 << 19, // ?
  PLUS: 1 << 20, // +
  TILDE: 1 << 21, // ~
  BANG: 1 << 22, // !
  DOT: 1 << 23, // .
  CARET: 1 << 24, // ^
  COMMA: 1 << 25, // ,
  SPACE: 1 << 26, // space
  DIGIT: 1 << 27,
  LETTER: 1 << 28,
  UNDERSCORE: 1 << 29,
  NON_HEX_LETTER: 1 << 30, // a letter outside a–f and A–F (set together with LETTER)
});

/** Every punctuation class: a value with none of these is letters, digits, spaces and `_` only. */
export const PUNCTUATION =
  CharClass.QUOTE |
  CharClass.PAREN |
  CharClass.ANGLE |
  CharClass.SEMI |
  CharClass.PIPE_AMP |
  CharClass.DOLLAR |
  CharClass.BRACE |
  CharClass.BRACKET |
  CharClass.SLASH |
  CharClass.BACKSLASH |
  CharClass.PERCENT |
  CharClass.EQUALS |
  CharClass.HASH |
  CharClass.COLON |
  CharClass.CONTROL |
  CharClass.AT |
  CharClass.STAR |
  CharClass.QUESTION |
  CharClass.PLUS |
  CharClass.TILDE |
  CharClass.BANG |
  CharClass.CARET;
