import { isLuhnValid } from './is-luhn-valid.js';

interface Brand {
  /** Inclusive IIN prefix ranges; both ends have the same number of digits. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly lengths: readonly number[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Issuer identification number ranges and card lengths of the major networks. */
const BRANDS: readonly Brand[] = [
  { ranges: [[4, 4]], lengths: [13, 16, 19] }, // Visa
  {
    ranges: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16],
  }, // Mastercard
  {
    ranges: [
      [34, 34],
      [37, 37],
    ],
    lengths: [15],
  }, // American Express
  {
    ranges: [
      [6011, 6011],
      [644, 649],
      [65, 65],
    ],
    lengths: range(16, 19),
  }, // Discover
  { ranges: [[3528, 3589]], lengths: range(16, 19) }, // JCB
  {
    ranges: [
      [300, 305],
      [36, 36],
      [38, 39],
    ],
    lengths: range(14, 19),
  }, // Diners Club
  { ranges: [[62, 62]], lengths: range(16, 19) }, // UnionPay
  { ranges: [[2200, 2204]], lengths: range(16, 19) }, // Mir
  {
    ranges: [
      [5018, 5018],
      [5020, 5020],
      [5038, 5038],
      [5893, 5893],
      [6304, 6304],
      [6759, 6759],
      [6761, 6763],
    ],
    lengths: range(12, 19),
  }, // Maestro
];

/** Digits only, or groups separated by one consistent space or dash: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. */
const PLAIN = /^\d{12,19}$/;
const GROUPED = /^\d{4}([ -])(?:\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{6}\1\d{4,5})$/;

/**
 * True when `value` is a payment card number: 12 to 19 digits (plain or in the usual groups), an issuer
 * prefix of a known network with a length that network issues, and a valid Luhn check digit. Order numbers
 * and other long numbers fail at least one of the three.
 */
export function isPaymentCardNumber(value: string): boolean {
  let digits: string;
  if (PLAIN.test(value)) digits = value;
  else if (GROUPED.test(value)) digits = value.replace(/[ -]/g, '');
  else return false;
  if (!hasKnownIssuer(digits)) return false;
  // The same digit repeated (0000…, 4444…) is filler, never an issued number.
  if (/^(\d)\1+$/.test(digits)) return false;
  return isLuhnValid(digits);
}

function hasKnownIssuer(digits: string): boolean {
  for (const brand of BRANDS) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const [from, to] of brand.ranges) {
      const prefix = Number(digits.slice(0, String(from).length));
      if (prefix >= from && prefix <= to) return true;
    }
  }
  return false;
}
