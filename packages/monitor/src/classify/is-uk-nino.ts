/**
 * HMRC's rules: the first letter is not D, F, I, Q, U or V; the second is not D, F, I, O, Q, U or V; then six
 * digits (optionally in pairs separated by spaces) and a suffix A to D.
 */
const NINO = /^([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/;
/** Prefixes never allocated (administrative and temporary numbers). */
const UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** True when `value` is a UK National Insurance number in HMRC's format (`QQ 12 34 56 C`, with or without spaces). */
export function isUkNino(value: string): boolean {
  const m = NINO.exec(value);
  return m !== null && !UNALLOCATED.has(m[1]!);
}
