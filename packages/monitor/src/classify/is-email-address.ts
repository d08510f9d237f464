/**
 * RFC 5321 sizes (local part ≤ 64, domain labels ≤ 63) with the characters addresses use in practice, and a
 * dotted domain ending in an alphabetic top-level label.
 */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})$/;
/** Asset names such as `icon@2x.png` have the shape of an address; these suffixes are not top-level domains. */
const FILE_SUFFIXES = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'css',
  'js',
  'map',
  'html',
]);

/** True when `value` is an email address (`local@domain.tld`), not a file name like `logo@2x.png`. */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.indexOf('@');
  if (at < 1 || at > 64) return false;
  const m = EMAIL.exec(value);
  return m !== null && !FILE_SUFFIXES.has(m[1]!.toLowerCase());
}
