const ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/g;

/**
 * Decodes backslash escapes used by JavaScript, JSON, Python, PHP and shells to hide characters:
 * `\u0027`, `\u{27}` and `\x27`. (`%u0027` is handled by the percent decoder.)
 */
export function decodeEscapes(text: string): string {
  return text.replace(
    ESCAPE,
    (whole, braced: string | undefined, u4: string | undefined, x2: string | undefined) => {
      const code = Number.parseInt(braced ?? u4 ?? (x2 as string), 16);
      if (code > 0x10ffff) return whole;
      return String.fromCodePoint(code);
    },
  );
}
