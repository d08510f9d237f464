const FORMATTED = /^(\d{3})([- ])(\d{2})\2(\d{4})$/;
const BARE = /^(\d{3})(\d{2})(\d{4})$/;

/** Numbers the SSA has publicly voided (the Woolworth wallet card, an advertising sample). */
const VOIDED = new Set(['078051120', '219099999']);

/**
 * True when `value` is a US Social Security number that could have been issued: area 001-899 except 666, group
 * 01-99, serial 0001-9999, not a publicly voided number. Written `AAA-GG-SSSS` (dashes or spaces) it counts on
 * its own; nine bare digits count only when `bare` is allowed (the field is named like an SSN), because any
 * nine-digit id would otherwise match a third of the time.
 */
export function isUsSsn(value: string, bare = false): boolean {
  const m = FORMATTED.exec(value) ?? (bare ? BARE.exec(value) : null);
  if (m === null) return false;
  const area = m[1]!;
  const group = m.length === 5 ? m[3]! : m[2]!;
  const serial = m.length === 5 ? m[4]! : m[3]!;
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return !VOIDED.has(area + group + serial);
}
