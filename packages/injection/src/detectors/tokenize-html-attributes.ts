/** One attribute as a browser's tokenizer reads it: the name as written (lower-cased text), the raw value. */
export interface HtmlAttribute {
  readonly name: string;
  /** The value without its quotes; `''` for an attribute written without `=`. */
  readonly value: string;
  /** Offset of the attribute's name in the text. */
  readonly start: number;
}

/** The attributes read from one position, and where reading stopped. */
export interface HtmlAttributeList {
  readonly attributes: readonly HtmlAttribute[];
  /** Offset just after the `>` that closed the tag, or where reading stopped (end of text, `<`, or the bound). */
  readonly end: number;
  /** True when a `>` closed the tag. */
  readonly closed: boolean;
}

/** HTML whitespace (tab, LF, FF, CR, space) plus `/`, which the tokenizer skips between attributes. */
function isSeparator(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13 || code === 47;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/**
 * Reads attributes from `from` (just after a tag name, or just after a quote that closes an attribute value in an
 * attribute breakout) the way the HTML tokenizer's attribute states do (HTML Living Standard §13.2.5.32–39):
 * whitespace and `/` separate attributes; a name runs to whitespace, `/`, `>` or `=`; a value is double-quoted,
 * single-quoted or runs to whitespace or `>`. Two departures keep it safe on hostile text: a `<` ends the list
 * (the next tag is read on its own), and at most `maxAttributes` are read. One pass; no regular expressions.
 */
export function tokenizeHtmlAttributes(text: string, from: number, maxAttributes = 32): HtmlAttributeList {
  const attributes: HtmlAttribute[] = [];
  const n = text.length;
  let pos = from;
  while (attributes.length < maxAttributes) {
    while (pos < n && isSeparator(text.charCodeAt(pos))) pos++;
    if (pos >= n) return { attributes, end: n, closed: false };
    const c = text.charCodeAt(pos);
    if (c === 62 /* > */) return { attributes, end: pos + 1, closed: true };
    if (c === 60 /* < */) return { attributes, end: pos, closed: false };
    const start = pos;
    // The first character may be `=` (§13.2.5.32); after it, a name ends at whitespace, `/`, `>`, `=` or `<`.
    pos++;
    while (pos < n) {
      const d = text.charCodeAt(pos);
      if (isSeparator(d) || d === 62 || d === 61 || d === 60) break;
      pos++;
    }
    const name = text.slice(start, pos);
    let after = pos;
    while (after < n && isWhitespace(text.charCodeAt(after))) after++;
    if (after >= n || text.charCodeAt(after) !== 61 /* = */) {
      attributes.push({ name, value: '', start });
      continue;
    }
    pos = after + 1;
    while (pos < n && isWhitespace(text.charCodeAt(pos))) pos++;
    const q = text.charCodeAt(pos);
    if (q === 34 /* " */ || q === 39 /* ' */) {
      const close = text.indexOf(q === 34 ? '"' : "'", pos + 1);
      const stop = close < 0 ? n : close;
      attributes.push({ name, value: text.slice(pos + 1, stop), start });
      pos = close < 0 ? n : close + 1;
    } else {
      const valueStart = pos;
      while (pos < n) {
        const d = text.charCodeAt(pos);
        if (isWhitespace(d) || d === 62) break;
        pos++;
      }
      attributes.push({ name, value: text.slice(valueStart, pos), start });
    }
  }
  return { attributes, end: pos, closed: false };
}
