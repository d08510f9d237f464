const BSN = /^\d{9}$/;

/**
 * True when `value` is nine digits passing the "11-proof" of a Dutch citizen service number (BSN):
 * 9·d1 + 8·d2 + … + 2·d8 − d9 is a positive multiple of 11. One random nine-digit number in eleven passes, so
 * callers accept it only when the field is named like a BSN.
 */
export function isDutchBsn(value: string): boolean {
  if (!BSN.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum > 0 && sum % 11 === 0;
}
