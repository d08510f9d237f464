/**
 * Token kinds of the SQL tokenizer. Keywords are classified so the detector can reason over short sequences
 * (libinjection's idea: injections are recognisable from the shape of the first few tokens after the point where
 * the value breaks out of its context).
 */
export type SqlTokenKind =
  | 'str' // quoted string; `closed` says whether it ended inside the value
  | 'num'
  | 'word' // identifier or keyword not classified below
  | 'logic' // AND OR XOR NOT && ||
  | 'cmp' // = <> != < > <= >= <=> LIKE RLIKE REGEXP IS IN BETWEEN SOUNDS GLOB
  | 'op' // + - * / % ^ ~ & |
  | 'union'
  | 'select'
  | 'stmt' // statements that can follow a `;`: INSERT UPDATE DELETE DROP CREATE ALTER EXEC DECLARE SHUTDOWN …
  | 'clause' // FROM WHERE ORDER GROUP HAVING LIMIT INTO PROCEDURE OFFSET
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semi'
  | 'comment'
  | 'var' // @x, @@version
  | 'dot'
  | 'other';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** Lower-cased text for words; the raw text otherwise. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
}

const KEYWORDS: ReadonlyMap<string, SqlTokenKind> = new Map<string, SqlTokenKind>([
  ...['and', 'or', 'xor', 'not', 'div'].map((w) => [w, 'logic'] as const),
  ...['like', 'rlike', 'regexp', 'is', 'in', 'between', 'sounds', 'glob', 'match'].map(
    (w) => [w, 'cmp'] as const,
  ),
  ['union', 'union'],
  ['select', 'select'],
  ...[
    'insert',
    'update',
    'delete',
    'drop',
    'create',
    'alter',
    'truncate',
    'exec',
    'execute',
    'declare',
    'shutdown',
    'grant',
    'revoke',
    'waitfor',
    'rename',
    'load',
    'merge',
    'call',
    'set',
    'begin',
    'if',
    'handler',
    'copy',
  ].map((w) => [w, 'stmt'] as const),
  ...['from', 'where', 'order', 'group', 'having', 'limit', 'into', 'procedure', 'offset'].map(
    (w) => [w, 'clause'] as const,
  ),
]);

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127
  );
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0;
}

/**
 * Tokenizes `text` as SQL, as if it were pasted into a query right after `prefix` (`''` for a numeric or
 * identifier context, `'` or `"` for a string literal). With a quote prefix the first token is the string the
 * value sits in; it is `closed` only when the value breaks out of it. Stops after `maxTokens` tokens.
 * Linear in the length of `text`; allocates one object per token.
 */
export function tokenizeSql(text: string, prefix: '' | "'" | '"', maxTokens = 256): SqlToken[] {
  const tokens: SqlToken[] = [];
  const n = text.length;
  let i = 0;
  const push = (kind: SqlTokenKind, tokenText: string, start: number, end: number, closed = true): void => {
    tokens.push({ kind, text: tokenText, start, end, closed });
  };
  const readString = (quote: number, from: number): number => {
    // Returns the index after the closing quote, or -1 when the string runs to the end.
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) {
        j += 2;
        continue;
      }
      if (c === quote) {
        if (text.charCodeAt(j + 1) === quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  };
  if (prefix !== '') {
    const end = readString(prefix.charCodeAt(0), 0);
    if (end < 0) {
      push('str', text, 0, n, false);
      return tokens;
    }
    push('str', text.slice(0, end), 0, end);
    i = end;
  }
  while (i < n && tokens.length < maxTokens) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === 39 || c === 34 || c === 96) {
      const end = readString(c, i + 1);
      if (c === 96) {
        // `identifier`
        push('word', text.slice(i, end < 0 ? n : end).toLowerCase(), start, end < 0 ? n : end);
      } else {
        push('str', text.slice(i, end < 0 ? n : end), start, end < 0 ? n : end, end >= 0);
      }
      i = end < 0 ? n : end;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      push('num', text.slice(i, j), start, j);
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j).toLowerCase();
      push(
        KEYWORDS.get(word) ?? (word === 'true' || word === 'false' || word === 'null' ? 'num' : 'word'),
        word,
        start,
        j,
      );
      i = j;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === 45 /* - */ && next === 45) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      push('comment', text.slice(i, end), start, end);
      i = end;
      continue;
    }
    if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      push('comment', text.slice(i, end), start, end);
      i = end;
      continue;
    }
    if (c === 47 /* / */ && next === 42 /* * */) {
      if (text.charCodeAt(i + 2) === 33 /* ! MySQL executable comment */) {
        let j = i + 3;
        while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        i = j;
        continue;
      }
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      push('comment', text.slice(i, end), start, end);
      i = end;
      continue;
    }
    if (c === 42 /* * */ && next === 47) {
      i += 2; // the end of a MySQL executable comment
      continue;
    }
    if (c === 64 /* @ */) {
      let j = i + 1;
      if (text.charCodeAt(j) === 64) j++;
      while (j < n && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      push('var', text.slice(i, j).toLowerCase(), start, j);
      i = j;
      continue;
    }
    if ((c === 124 && next === 124) || (c === 38 && next === 38)) {
      push('logic', text.slice(i, i + 2), start, i + 2);
      i += 2;
      continue;
    }
    if (c === 61 || c === 60 || c === 62 || (c === 33 && next === 61)) {
      let j = i + 1;
      while (j < n && j < i + 3 && '=<>'.includes(text[j] as string)) j++;
      push('cmp', text.slice(i, j), start, j);
      i = j;
      continue;
    }
    if (c === 33 /* ! */) {
      push('logic', '!', start, i + 1);
      i++;
      continue;
    }
    const kind: SqlTokenKind =
      c === 40
        ? 'lparen'
        : c === 41
          ? 'rparen'
          : c === 44
            ? 'comma'
            : c === 59
              ? 'semi'
              : c === 46
                ? 'dot'
                : '+-*/%^~&|'.includes(text[i] as string)
                  ? 'op'
                  : 'other';
    push(kind, text[i] as string, start, i + 1);
    i++;
  }
  return tokens;
}
