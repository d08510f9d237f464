/** What a variable-looking path segment is. */
export type SegmentKind = 'id' | 'uuid' | 'hash' | 'date' | 'email' | 'code' | 'token';

const DIGITS = /^\d{1,32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{16,128}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^@/\s]+@[^@/\s]+\.[a-z]{2,}$/i;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.~-]{2,127}$/;
/** Letters followed by one to three digits: `oauth2`, `sha256`, `base64`, `ipv6`, `x509`. Words, not ids. */
const WORD_WITH_NUMBER = /^[A-Za-z]+\d{1,3}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,}={0,2}$/;
const VERSION = /^v\d+(?:\.\d+)*(?:-?(?:alpha|beta|rc)\d*)?$/i;

/**
 * The kind of a path segment that identifies an object rather than naming a resource, or undefined for a
 * literal. Numbers, UUIDs, hex hashes (16+ digits), ISO dates, email addresses, slugs with digits
 * (`ACC000123`, `my-post-2024`, `ord_8f3k2j9`) and base64-ish tokens are ids; `v1`, `oauth2`, `sha256` are not.
 */
export function inferSegmentKind(segment: string): SegmentKind | undefined {
  const length = segment.length;
  if (length === 0) return undefined;
  const first = segment.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    if (DIGITS.test(segment)) return 'id';
    if (DATE.test(segment)) return 'date';
  }
  if (length === 36 && UUID.test(segment)) return 'uuid';
  if (length >= 16 && HEX.test(segment)) return 'hash';
  if (segment.includes('@')) return EMAIL.test(segment) ? 'email' : undefined;
  if (VERSION.test(segment)) return undefined;
  let digits = 0;
  let letters = 0;
  let upper = 0;
  let lower = 0;
  let separators = 0;
  for (let i = 0; i < length; i++) {
    const c = segment.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) {
      letters++;
      lower++;
    } else if (c === 45 || c === 95 || c === 46) separators++;
  }
  if (digits === 0 || letters === 0) return undefined;
  if (length >= 16 && upper > 0 && lower > 0 && TOKEN.test(segment)) return 'token';
  if (!SLUG.test(segment) || WORD_WITH_NUMBER.test(segment)) return undefined;
  // `ACC000123`, `ord_8f3k2j9` (three digits or more), `my-post-2024`, `a1-b2` (digits in a separated slug).
  if (digits >= 3 || (separators > 0 && length >= 5)) return 'code';
  return undefined;
}

/** True for a version segment such as `v1`, `v2.1`, `v3beta`. */
export function isVersionSegment(segment: string): boolean {
  return VERSION.test(segment);
}
