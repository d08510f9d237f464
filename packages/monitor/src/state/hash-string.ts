/**
 * A fast, well-mixed 32-bit hash of a string (FNV-1a over UTF-16 code units, then the MurmurHash3 finalizer so
 * that every input bit affects every output bit). Not cryptographic: sketches only need uniform buckets, and an
 * attacker who can aim at a bucket gains at most an over-count, never a miss. `seed` gives independent hashes.
 */
export function hashString(value: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
