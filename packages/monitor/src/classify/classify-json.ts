import { classifyValue } from './classify-value.js';
import type { DataClassMatch } from './data-class.js';

export interface ClassifyJsonOptions {
  /** Visit at most this many values (objects, arrays and scalars); the rest is not classified. Default 2,000. */
  readonly maxNodes?: number;
  /** Stop after this many matches. Default 100. */
  readonly maxMatches?: number;
  /** Do not descend deeper than this. Default 32. */
  readonly maxDepth?: number;
  /** "Now" for date-of-birth plausibility, epoch ms; default `Date.now()`. */
  readonly now?: number;
}

interface Frame {
  readonly value: unknown;
  readonly pointer: string;
  /** The property name that holds the value (for arrays, the array's own name), as a hint. */
  readonly field: string | undefined;
  readonly depth: number;
}

/**
 * Every sensitive value of a parsed JSON document, with the JSON pointer (RFC 6901) of each. String values are
 * classified with their property name as a hint (`{"ssn": "123456789"}` counts, `{"orderId": "123456789"}` does
 * not); integers are classified as their decimal text (card and phone numbers are sometimes sent as numbers).
 * Work is bounded by `maxNodes`, `maxMatches` and `maxDepth`, so an attacker's huge body costs a fixed amount.
 */
export function classifyJson(body: unknown, options: ClassifyJsonOptions = {}): DataClassMatch[] {
  const maxNodes = options.maxNodes ?? 2000;
  const maxMatches = options.maxMatches ?? 100;
  const maxDepth = options.maxDepth ?? 32;
  const now = options.now ?? Date.now();
  const matches: DataClassMatch[] = [];
  const stack: Frame[] = [{ value: body, pointer: '', field: undefined, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < maxNodes && matches.length < maxMatches) {
    const { value, pointer, field, depth } = stack.pop()!;
    visited++;
    let text: string | undefined;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number') {
      if (Number.isSafeInteger(value) && value >= 1000) text = String(value);
    } else if (typeof value === 'object' && value !== null && depth < maxDepth) {
      // Pushed in reverse so that matches come out in document order.
      if (Array.isArray(value)) {
        for (let i = Math.min(value.length, maxNodes) - 1; i >= 0; i--) {
          stack.push({ value: value[i], pointer: `${pointer}/${i}`, field, depth: depth + 1 });
        }
      } else {
        const keys = Object.keys(value);
        for (let i = Math.min(keys.length, maxNodes) - 1; i >= 0; i--) {
          const key = keys[i]!;
          stack.push({
            value: (value as Record<string, unknown>)[key],
            pointer: `${pointer}/${escapePointer(key)}`,
            field: key,
            depth: depth + 1,
          });
        }
      }
    }
    if (text === undefined) continue;
    const classes = classifyValue(text, field === undefined ? { now } : { fieldName: field, now });
    for (const dataClass of classes) {
      if (matches.length >= maxMatches) break;
      matches.push({ class: dataClass, pointer });
    }
  }
  return matches;
}

function escapePointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}
