/** CSS that runs script or loads behaviour: IE expressions and behaviours, XBL bindings, script URLs, imports. */
const CSS_ACTIVE = /expression\(|-moz-binding|behavior:|url\(["']?(?:java|vb)script:|@import/;

/**
 * True when lower-cased CSS (a `style` attribute or the content of a `<style>` element) runs script or loads
 * behaviour once comments, backslash escapes and whitespace are removed, as a CSS parser reads obfuscated
 * keywords: `ex/* *\/pression(`, `\65 xpression(`, `url( "javascript:…")`, `behavior: url(x.htc)`, `@import`.
 */
export function isActiveCss(css: string): boolean {
  const compact = css
    .replace(/\/\*[^*]{0,200}\*+\//g, '')
    .replace(/\\0{0,4}([0-9a-f]{2})\s?/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\/g, '')
    .replace(/\s+/g, '');
  return CSS_ACTIVE.test(compact);
}
