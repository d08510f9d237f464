const NUMERIC = /^\d{1,24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex hashes, Mongo ObjectIds, and codes that mix letters with at least two digits (`ACC000123`, `ord_8f3k2`). */
const CODE = /^(?=(?:[^0-9]*[0-9]){2})[A-Za-z0-9_-]{4,64}$/;

/** True when a path or query value looks like the identifier of an object (not a word, not a page number name). */
export function isObjectId(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57 && NUMERIC.test(value)) return true;
  return UUID.test(value) || CODE.test(value);
}
