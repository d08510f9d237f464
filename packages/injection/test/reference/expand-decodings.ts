import { decodeBase64 } from './decode-base64.js';
import { decodeEscapes } from '../../src/decode/decode-escapes.js';
import { decodeHtmlEntities } from '../../src/decode/decode-html-entities.js';
import { decodePercent } from './decode-percent.js';

/** One reading of a value: its text after the listed decoding layers (outermost first). */
export interface DecodedVariant {
  readonly text: string;
  readonly layers: readonly string[];
}

/** Bounds for {@link expandDecodings}: how many layers deep, and how many characters in total across variants. */
export interface DecodeLimits {
  readonly maxDepth: number;
  readonly maxTotalChars: number;
}

const PERCENT = /%(?:[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/;
const ENTITY = /&(?:#[0-9xX]|[a-zA-Z]{2,8};?)/;
const NON_ASCII = /[\u00a0-\uffff]/;
const ESCAPE = /\\(?:u[0-9a-fA-F{]|x[0-9a-fA-F]{2})/;

type Layer = readonly [name: string, decode: (text: string) => string | undefined];

const LAYERS: readonly Layer[] = [
  ['url', (t) => (PERCENT.test(t) ? decodePercent(t, false) : undefined)],
  ['html', (t) => (ENTITY.test(t) ? decodeHtmlEntities(t) : undefined)],
  ['unicode', (t) => (ESCAPE.test(t) ? decodeEscapes(t) : undefined)],
  ['base64', (t) => decodeBase64(t)],
  // Full-width and other compatibility forms (＜script＞) fold to ASCII under NFKC, as some back ends do.
  ['nfkc', (t) => (NON_ASCII.test(t) ? t.normalize('NFKC') : undefined)],
];

/**
 * Every distinct reading of `value` reachable by stacking decoding layers (URL, double URL, HTML entities,
 * Unicode/hex escapes, base64, NFKC compatibility folding), breadth first: the raw value first, then one layer, then two, up to
 * `limits.maxDepth` layers. Stops adding variants once their total length would exceed `limits.maxTotalChars`.
 * Each layer only runs when a cheap test says it could change the text, so plain values cost one pass of tests.
 */
export function expandDecodings(value: string, limits: DecodeLimits): DecodedVariant[] {
  const variants: DecodedVariant[] = [{ text: value, layers: [] }];
  let total = value.length;
  let frontier: DecodedVariant[] = variants.slice();
  for (let depth = 0; depth < limits.maxDepth && frontier.length > 0; depth++) {
    const next: DecodedVariant[] = [];
    for (const variant of frontier) {
      for (const [name, decode] of LAYERS) {
        const decoded = decode(variant.text);
        if (decoded === undefined || decoded === variant.text) continue;
        if (variants.some((v) => v.text === decoded)) continue;
        if (total + decoded.length > limits.maxTotalChars) return variants;
        total += decoded.length;
        const produced = { text: decoded, layers: [...variant.layers, name] };
        variants.push(produced);
        next.push(produced);
      }
    }
    frontier = next;
  }
  return variants;
}
