/**
 * National significant number lengths (min, max) by country calling code, for the countries most APIs see
 * (ITU-T E.164 national numbering plans). Codes not listed are accepted only when the field is named like a
 * phone number.
 */
const NSN_LENGTHS: ReadonlyMap<string, readonly [number, number]> = new Map(
  (
    '1:10-10 7:10-10 20:9-10 27:9-9 30:10-10 31:9-9 32:8-9 33:9-9 34:9-9 36:8-9 39:6-11 40:9-9 41:9-9 ' +
    '43:4-13 44:9-10 45:8-8 46:7-13 47:8-8 48:9-9 49:6-13 51:8-9 52:10-10 54:10-11 55:10-11 56:9-9 57:10-10 ' +
    '60:8-10 61:9-9 62:8-12 63:10-10 64:8-10 65:8-8 66:8-9 81:9-10 82:8-10 84:9-10 86:11-11 90:10-10 ' +
    '91:10-10 92:9-10 212:9-9 234:8-10 254:9-9 351:9-9 352:6-11 353:7-9 358:5-12 380:9-9 420:9-9 421:9-9 ' +
    '852:8-8 886:8-9 966:9-9 971:8-9 972:8-9'
  )
    .split(' ')
    .map((entry) => {
      const [code, lengths] = entry.split(':') as [string, string];
      const [min, max] = lengths.split('-').map(Number) as [number, number];
      return [code, [min, max]] as const;
    }),
);

/** `+`, then digits with single spaces, dots, dashes or one parenthesised group between them. */
const INTERNATIONAL = /^\+\d[\d .()-]*\d$/;
/** Two separators in a row, or parentheses that are not one `(digits)` group. */
const MISPLACED = /[ .-][ .-]|\([^\d]|[^\d]\)|\(.*\(|\).*\)|\([^)]*$|^[^(]*\)/;
/** North American: `(415) 555-2671`, `415-555-2671`, `415.555.2671`, `415 555 2671`. */
const NANP = /^(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)([-. ]))([2-9]\d\d)([-. ])(\d{4})$/;
/**
 * A trunk prefix 0 and groups of 2 to 5 digits with one consistent space or dot: `020 7946 0018`,
 * `01 23 45 67 89`, `(088) 31 11150`. Dashes (`03-2014-0228`) are how case and reference numbers are written too,
 * so a dashed national number counts only in a field named like a phone number.
 */
const TRUNK = /^(?:\(0\d{1,4}\) ?|0\d{1,4}([ .-]))\d{2,5}(?:([ .-])\d{2,5}){0,3}$/;
const DIGITS = /^\d+$/;

/**
 * True when `value` is a telephone number: E.164 with `+` and a valid length for its country code (North
 * American numbers also need a valid area code and exchange), or a national number written the way people write
 * them (`(415) 555-2671`, `020 7946 0018`). Bare digit strings count only when `bare` is allowed (the field is
 * named like a phone number): any ten-digit id would otherwise match.
 */
export function isPhoneNumber(value: string, bare = false): boolean {
  if (value.length < 7 || value.length > 24) return false;
  if (value.charCodeAt(0) === 43 /* + */) {
    if (!INTERNATIONAL.test(value) || MISPLACED.test(value)) return false;
    // `+44 (0)20 7946 0018`: the trunk prefix in parentheses is not dialled internationally.
    return isValidE164(value.replace('(0)', '').replace(/\D/g, ''), bare);
  }
  const nanp = NANP.exec(value);
  if (nanp !== null) return nanp[3] === undefined || nanp[3] === nanp[5];
  const trunk = TRUNK.exec(value);
  if (trunk !== null) {
    if (trunk[1] !== undefined && trunk[2] !== undefined && trunk[1] !== trunk[2]) return false;
    if (!bare && value.includes('-')) return false;
    const digits = value.replace(/\D/g, '').length;
    return digits >= 10 && digits <= 11;
  }
  if (!bare || !DIGITS.test(value)) return false;
  if (value.length === 10 && /^[2-9]\d\d[2-9]/.test(value)) return true;
  if (value[0] === '0') return value.length >= 10 && value.length <= 11;
  return value.length >= 11 && value.length <= 15 && isValidE164(value, false);
}

function isValidE164(digits: string, lenient: boolean): boolean {
  if (digits.length < 8 || digits.length > 15 || digits[0] === '0') return false;
  for (let size = 1; size <= 3; size++) {
    const lengths = NSN_LENGTHS.get(digits.slice(0, size));
    if (lengths === undefined) continue;
    const national = digits.slice(size);
    if (national.length < lengths[0] || national.length > lengths[1]) return false;
    // NANP: area code and exchange both start with 2-9.
    if (size === 1 && digits[0] === '1') return /^[2-9]\d\d[2-9]/.test(national);
    return true;
  }
  return lenient;
}
