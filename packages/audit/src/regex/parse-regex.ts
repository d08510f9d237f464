/**
 * A small recursive-descent parser for ECMAScript regular expressions (the dialect of JSON Schema `pattern`),
 * lenient like Annex B (a lone `{` or `]` is a literal). It keeps only what matching ambiguity depends on:
 * character sets, sequences, alternations, repetitions; assertions, lookarounds and backreferences are
 * zero-width nodes.
 */

/** Sorted, disjoint, inclusive code-point ranges: `[lo0, hi0, lo1, hi1, …]`. */
export type CharRanges = readonly number[];

export type RegexNode =
  | { readonly type: 'char'; readonly ranges: CharRanges }
  | { readonly type: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly type: 'alt'; readonly options: readonly RegexNode[] }
  | { readonly type: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number }
  | { readonly type: 'empty' };

export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

const MAX_CODE_POINT = 0x10ffff;
const DIGIT: CharRanges = [0x30, 0x39];
const WORD: CharRanges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharRanges = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
const LINE_TERMINATORS: CharRanges = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];
export const ANY: CharRanges = [0, MAX_CODE_POINT];

/** Normalizes ranges: sorted, merged. */
export function normalizeRanges(ranges: readonly number[]): CharRanges {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (out.length > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complementRanges(ranges: CharRanges): CharRanges {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

/** The first code point in both sets, or undefined when they are disjoint. */
export function intersectRanges(a: CharRanges, b: CharRanges): number | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) return lo;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return undefined;
}

/** The characters in both sets. */
export function overlapRanges(a: CharRanges, b: CharRanges): CharRanges {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

const DOT = complementRanges(LINE_TERMINATORS);

/** Parses `source` (no delimiters, no flags). Throws `RegexSyntaxError` on input no engine would accept. */
export function parseRegex(source: string): RegexNode {
  let pos = 0;
  const peek = () => source[pos];
  const fail = (what: string): never => {
    throw new RegexSyntaxError(`${what} at offset ${pos} of /${source}/`);
  };

  const parseDisjunction = (): RegexNode => {
    const options = [parseAlternative()];
    while (peek() === '|') {
      pos++;
      options.push(parseAlternative());
    }
    return options.length === 1 ? options[0]! : { type: 'alt', options };
  };

  const parseAlternative = (): RegexNode => {
    const items: RegexNode[] = [];
    while (pos < source.length && peek() !== '|' && peek() !== ')') {
      const atom = parseTerm();
      if (atom !== undefined) items.push(atom);
    }
    if (items.length === 0) return { type: 'empty' };
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  };

  const readInt = (): number | undefined => {
    const start = pos;
    while (pos < source.length && /[0-9]/.test(source[pos]!)) pos++;
    return pos > start ? Number(source.slice(start, pos)) : undefined;
  };

  const parseQuantifier = (atom: RegexNode): RegexNode => {
    const c = peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const save = pos;
      pos++;
      const lo = readInt();
      if (lo === undefined) {
        pos = save;
        return atom;
      }
      let hi: number = lo;
      if (peek() === ',') {
        pos++;
        hi = readInt() ?? Number.POSITIVE_INFINITY;
      }
      if (peek() !== '}') {
        pos = save;
        return atom;
      }
      if (hi < lo) fail('numbers out of order in {} quantifier');
      [min, max] = [lo, hi];
    } else return atom;
    pos++;
    if (peek() === '?') pos++; // lazy: same ambiguity, same backtracking on failure
    return { type: 'repeat', body: atom, min, max };
  };

  const parseTerm = (): RegexNode | undefined => {
    const c = peek()!;
    if (c === '^' || c === '$') {
      pos++;
      return { type: 'empty' };
    }
    if (c === '\\' && (source[pos + 1] === 'b' || source[pos + 1] === 'B')) {
      pos += 2;
      return { type: 'empty' };
    }
    if (c === '(' && source[pos + 1] === '?' && /^[=!]|^<[=!]/.test(source.slice(pos + 2, pos + 4))) {
      // Lookaround: zero-width; its body does not consume input of the main match.
      pos += source[pos + 2] === '<' ? 4 : 3;
      parseDisjunction();
      if (peek() !== ')') fail('unterminated lookaround');
      pos++;
      return parseQuantifier({ type: 'empty' });
    }
    return parseQuantifier(parseAtom());
  };

  const parseAtom = (): RegexNode => {
    const c = peek()!;
    if (c === '.') {
      pos++;
      return { type: 'char', ranges: DOT };
    }
    if (c === '(') {
      pos++;
      if (peek() === '?') {
        if (source[pos + 1] === ':') pos += 2;
        else if (source[pos + 1] === '<') {
          const end = source.indexOf('>', pos);
          if (end < 0) fail('unterminated group name');
          pos = end + 1;
        } else fail('invalid group');
      }
      const body = parseDisjunction();
      if (peek() !== ')') fail('unterminated group');
      pos++;
      return body;
    }
    if (c === ')') fail('unmatched )');
    if (c === '*' || c === '+' || c === '?') fail(`nothing to repeat before "${c}"`);
    if (c === '[') return { type: 'char', ranges: parseClass() };
    if (c === '\\') return parseEscape(false);
    const cp = source.codePointAt(pos)!;
    pos += cp > 0xffff ? 2 : 1;
    return { type: 'char', ranges: [cp, cp] };
  };

  /** After a backslash: a class escape, a control escape, a backreference (zero-width here) or an identity escape. */
  const parseEscape = (inClass: boolean): { type: 'char'; ranges: CharRanges } | { type: 'empty' } => {
    pos++;
    const c = peek();
    if (c === undefined) return fail('\\ at end of pattern');
    pos++;
    switch (c) {
      case 'd':
        return { type: 'char', ranges: DIGIT };
      case 'D':
        return { type: 'char', ranges: complementRanges(DIGIT) };
      case 'w':
        return { type: 'char', ranges: WORD };
      case 'W':
        return { type: 'char', ranges: complementRanges(WORD) };
      case 's':
        return { type: 'char', ranges: SPACE };
      case 'S':
        return { type: 'char', ranges: complementRanges(SPACE) };
      case 'n':
        return single(0x0a);
      case 'r':
        return single(0x0d);
      case 't':
        return single(0x09);
      case 'v':
        return single(0x0b);
      case 'f':
        return single(0x0c);
      case '0':
        return single(0);
      case 'p':
      case 'P': {
        // Unicode property: the set is not modelled; assume it may overlap anything (conservative).
        if (peek() === '{') {
          const end = source.indexOf('}', pos);
          pos = end < 0 ? source.length : end + 1;
        }
        return { type: 'char', ranges: ANY };
      }
      case 'x': {
        const hex = source.slice(pos, pos + 2);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          pos += 2;
          return single(Number.parseInt(hex, 16));
        }
        return single(0x78);
      }
      case 'u': {
        if (peek() === '{') {
          const end = source.indexOf('}', pos);
          const hex = end < 0 ? '' : source.slice(pos + 1, end);
          if (/^[0-9a-fA-F]{1,6}$/.test(hex)) {
            pos = end + 1;
            return single(Number.parseInt(hex, 16));
          }
        }
        const hex = source.slice(pos, pos + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          pos += 4;
          return single(Number.parseInt(hex, 16));
        }
        return single(0x75);
      }
      case 'c': {
        const letter = peek();
        if (letter !== undefined && /[a-zA-Z]/.test(letter)) {
          pos++;
          return single(letter.charCodeAt(0) % 32);
        }
        return single(0x5c);
      }
      case 'k':
        if (!inClass && peek() === '<') {
          const end = source.indexOf('>', pos);
          pos = end < 0 ? source.length : end + 1;
          return { type: 'empty' };
        }
        return single(0x6b);
      default:
        if (/[1-9]/.test(c) && !inClass) {
          readInt();
          return { type: 'empty' };
        }
        if (c === 'b' && inClass) return single(0x08);
        return single(c.codePointAt(0)!);
    }
  };

  const single = (cp: number) => ({ type: 'char' as const, ranges: [cp, cp] });

  const parseClass = (): CharRanges => {
    pos++;
    let negate = false;
    if (peek() === '^') {
      negate = true;
      pos++;
    }
    const ranges: number[] = [];
    const readClassAtom = (): CharRanges => {
      if (peek() === '\\') {
        const e = parseEscape(true);
        return e.type === 'char' ? e.ranges : [];
      }
      const cp = source.codePointAt(pos)!;
      pos += cp > 0xffff ? 2 : 1;
      return [cp, cp];
    };
    while (pos < source.length && peek() !== ']') {
      const lo = readClassAtom();
      if (peek() === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        const save = pos;
        pos++;
        const hi = readClassAtom();
        if (lo.length === 2 && hi.length === 2 && lo[0] === lo[1] && hi[0] === hi[1]) {
          if (hi[0]! < lo[0]!) fail('range out of order in character class');
          ranges.push(lo[0]!, hi[0]!);
          continue;
        }
        pos = save; // `[\d-x]`: a class escape cannot bound a range; `-` is literal (Annex B)
      }
      ranges.push(...lo);
    }
    if (peek() !== ']') fail('unterminated character class');
    pos++;
    const normalized = normalizeRanges(ranges);
    return negate ? complementRanges(normalized) : normalized;
  };

  const tree = parseDisjunction();
  if (pos < source.length) fail(`unexpected "${peek()}"`);
  return tree;
}
