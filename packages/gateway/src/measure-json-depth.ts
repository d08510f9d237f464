/**
 * The deepest nesting of objects and arrays in a JSON text, found by one linear scan that skips strings, so a
 * hostile body (`[[[[…`) is refused before `JSON.parse` spends stack and memory on it (OWASP API4).
 * Stops counting once `limit` is exceeded and returns `limit + 1`. Does not validate the JSON.
 */
export function measureJsonDepth(text: Uint8Array, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return limit + 1;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
