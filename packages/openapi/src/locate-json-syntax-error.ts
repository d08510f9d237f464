/** The first JSON syntax error in a text: where, and what was wrong. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const c = text[i]!;
  if (c === '\n' || c === '\r') return 'a line break';
  if (c === "'") return 'a single quote (JSON strings use double quotes)';
  if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return 'a comment (JSON has no comments)';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))?.[0];
  return word ? `"${word}"` : `"${c}"`;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
    i++;
  return i;
}

/** Validates a string at `i` (an opening quote); returns the offset past it, or an error. */
function scanString(text: string, i: number): number | JsonSyntaxError {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x0a || c === 0x0d)
      return { offset: i, message: 'string is not closed before the end of the line' };
    if (c < 0x20) return { offset: j, message: 'control character inside a string (escape it)' };
    if (c === 0x5c) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
          return { offset: j, message: 'bad \\u escape in string (four hex digits expected)' };
        }
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        j++;
      } else {
        return { offset: j, message: `bad escape "\\${e ?? ''}" in string` };
      }
    }
  }
  return { offset: i, message: 'string is not closed before the end of the file' };
}

/**
 * Finds the first syntax error of a text that `JSON.parse` rejected, with a message a person can act on.
 * Iterative, so arbitrarily deep input is fine. Returns undefined when the text is valid JSON.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let i = skipSpace(text, 0);
  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i = skipSpace(text, i + 1);
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          state = 'after';
        } else {
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        state = 'after';
        continue;
      }
      if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return { offset: i, message: `malformed number` };
        i = NUMBER.lastIndex;
        state = 'after';
        continue;
      }
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        state = 'after';
        continue;
      }
      if ((c === '}' || c === ']') && text[skipBack(text, i)] === ',') {
        return { offset: skipBack(text, i), message: `trailing comma before "${c}"` };
      }
      return { offset: i, message: `expected a value but found ${describe(text, i)}` };
    }
    if (state === 'key') {
      if (text[i] === '}' && text[skipBack(text, i)] === ',') {
        return { offset: skipBack(text, i), message: 'trailing comma before "}"' };
      }
      if (text[i] !== '"') {
        return {
          offset: i,
          message: `expected a double-quoted property name but found ${describe(text, i)}`,
        };
      }
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = skipSpace(text, end);
      if (text[i] !== ':')
        return { offset: i, message: `expected ":" after the property name but found ${describe(text, i)}` };
      i = skipSpace(text, i + 1);
      state = 'value';
      continue;
    }
    i = skipSpace(text, i);
    const top = stack.at(-1);
    if (top === undefined) {
      return i < text.length
        ? { offset: i, message: `unexpected ${describe(text, i)} after the end of the JSON value` }
        : undefined;
    }
    const close = top === '{' ? '}' : ']';
    if (text[i] === ',') {
      i = skipSpace(text, i + 1);
      state = top === '{' ? 'key' : 'value';
    } else if (text[i] === close) {
      stack.pop();
      i++;
    } else {
      const what = top === '{' ? 'a property' : 'an array element';
      return {
        offset: i,
        message: `expected "," or "${close}" after ${what} but found ${describe(text, i)}`,
      };
    }
  }
}

/** Offset of the last non-space character before `i`. */
function skipBack(text: string, i: number): number {
  let j = i - 1;
  while (j > 0 && (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t')) j--;
  return j;
}
