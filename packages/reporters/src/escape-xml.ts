/** Characters XML 1.0 forbids anywhere (§2.2 Char): most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * `value` safe inside XML 1.0 text or a double- or single-quoted attribute: markup characters become entity
 * references and characters XML 1.0 cannot carry at all (NUL, ESC, lone surrogates…) become a visible `\uXXXX`
 * so the document still parses and the reader still sees that something was there. With `attribute`, tabs and
 * line breaks become character references so parsers do not normalize them to spaces.
 */
export function escapeXml(value: string, attribute = false): string {
  const safe = String(value)
    .replace(NOT_XML_CHAR, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return attribute ? safe.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : safe;
}
