const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  tab: '\t',
  newline: '\n',
  colon: ':',
  sol: '/',
  bsol: '\\',
  lpar: '(',
  rpar: ')',
  semi: ';',
  comma: ',',
  period: '.',
  equals: '=',
  excl: '!',
  num: '#',
  percnt: '%',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  grave: '`',
  nbsp: '\u00a0',
};

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,8}));?/g;

/**
 * Decodes HTML character references: decimal and hex numeric references (with or without the closing `;`, as
 * browsers accept) and the named references that matter for markup and URL schemes. Unknown names stay as they are.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(
    ENTITY,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined || dec !== undefined) {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec as string, 10);
        if (code === 0 || code > 0x10ffff) return whole;
        return String.fromCodePoint(code);
      }
      const named = NAMED[(name as string).toLowerCase()];
      return named ?? whole;
    },
  );
}
