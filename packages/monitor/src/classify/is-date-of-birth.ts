const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** `31/12/1980`, `12/31/1980`, `31.12.1980`, `31-12-1980`: day and month order is decided by which fits. */
const WRITTEN = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;
const YEAR = /^\d{4}$/;
/** Nobody alive was born more than this many years ago. */
const MAX_AGE_YEARS = 125;

/**
 * True when `value` is a plausible date of birth: a valid calendar date (ISO 8601, `YYYYMMDD`, or day, month and
 * year with `/`, `.` or `-`) not in the future and at most 125 years ago; or, when `yearOnly` (a field named like
 * `birthYear`), a plausible year. Only meaningful for fields named like a birth date: on its own a date is just
 * a date.
 */
export function isDateOfBirth(value: string, now: number, yearOnly = false): boolean {
  const currentYear = new Date(now).getUTCFullYear();
  if (yearOnly && YEAR.test(value)) {
    const year = Number(value);
    return year <= currentYear && year >= currentYear - MAX_AGE_YEARS;
  }
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO.exec(value) ?? COMPACT.exec(value);
  if (iso !== null) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const written = WRITTEN.exec(value);
    if (written === null) return false;
    year = Number(written[4]);
    const first = Number(written[1]);
    const second = Number(written[3]);
    // Day first unless that cannot be (`12/31/1980`).
    [day, month] = second <= 12 ? [first, second] : [second, first];
  }
  if (month < 1 || month > 12 || day < 1) return false;
  const date = Date.UTC(year, month - 1, day);
  if (new Date(date).getUTCDate() !== day) return false;
  return date <= now && year >= currentYear - MAX_AGE_YEARS;
}
