import { classifyFieldName } from './classify-field-name.js';
import type { DataClass } from './data-class.js';
import { hasPrivateKey } from './has-private-key.js';
import { isDateOfBirth } from './is-date-of-birth.js';
import { isDutchBsn } from './is-dutch-bsn.js';
import { isEmailAddress } from './is-email-address.js';
import { isHighEntropyToken } from './is-high-entropy-token.js';
import { isIban } from './is-iban.js';
import { isIpAddress } from './is-ip-address.js';
import { isJwt } from './is-jwt.js';
import { isKnownApiKey } from './is-known-api-key.js';
import { isPaymentCardNumber } from './is-payment-card-number.js';
import { isPhoneNumber } from './is-phone-number.js';
import { isSpanishDni } from './is-spanish-dni.js';
import { isUkNino } from './is-uk-nino.js';
import { isUsSsn } from './is-us-ssn.js';

/** What `classifyValue` may know besides the value. */
export interface ClassifyValueOptions {
  /** The name of the field, parameter or header holding the value: `ssn`, `customerEmail`, `X-Client-IP`. */
  readonly fieldName?: string;
  /** "Now" for date-of-birth plausibility, epoch ms; default `Date.now()`. */
  readonly now?: number;
}

const NO_OPTIONS: ClassifyValueOptions = Object.freeze({});
const NONE: readonly DataClass[] = Object.freeze([]);
const ONLY_JWT: readonly DataClass[] = Object.freeze(['jwt']);
const ONLY_PRIVATE_KEY: readonly DataClass[] = Object.freeze(['private-key']);
/**
 * Longer values can only be JWTs or hold a private key: every other class is far shorter (an email address is at
 * most 254 characters, a token 512). Free text is not profiled character by character.
 */
const MAX_SCALAR_LENGTH = 512;

/**
 * The sensitive data classes of one value. Each class is validated, not just matched: card numbers pass Luhn and
 * have a known issuer prefix and length, IBANs pass mod-97 with their country's length, national ids pass their
 * checksum or allocation rules, JWTs decode, phone numbers have a valid length for their country. Weak evidence
 * (nine bare digits, ten bare digits, a date, a random-looking string) counts only when the field's name says
 * what it is (`ssn`, `phone`, `dob`, `apiKey`). A value's characters are profiled first so that each validator
 * runs only on values that could pass it.
 *
 * Returns a frozen empty array for the (common) value that holds nothing sensitive.
 */
export function classifyValue(
  input: string,
  options: ClassifyValueOptions = NO_OPTIONS,
): readonly DataClass[] {
  const value =
    isSpace(input.charCodeAt(0)) || isSpace(input.charCodeAt(input.length - 1)) ? input.trim() : input;
  const length = value.length;
  if (length < 3) return NONE;
  const hint = options.fieldName === undefined ? undefined : classifyFieldName(options.fieldName);
  if (length > MAX_SCALAR_LENGTH) {
    if (value.startsWith('eyJ') && isJwt(value)) return ONLY_JWT;
    return hasPrivateKey(value) ? ONLY_PRIVATE_KEY : NONE;
  }

  // One pass over the characters decides which validators can possibly match.
  let digits = 0;
  let letters = 0;
  let upper = 0;
  let at = false;
  let colon = false;
  let other = 0;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
    else if (c === 64) at = true;
    else if (c === 58) colon = true;
    else other++;
  }

  let found: DataClass[] | undefined;
  const add = (dataClass: DataClass) => {
    if (found === undefined) found = [dataClass];
    else if (!found.includes(dataClass)) found.push(dataClass);
  };

  if (other > 0 && length >= 27 && hasPrivateKey(value)) add('private-key');
  if (at) {
    if (isEmailAddress(value)) add('email');
    return found ?? NONE;
  }

  if (letters === 0) {
    // Digits and punctuation only: numbers, phone numbers, SSNs, IPv4 addresses, dates.
    if (digits >= 12 && digits <= 19 && isPaymentCardNumber(value)) add('payment-card');
    if (digits === 9) {
      const anyId = hint === 'national-id';
      if (hint === 'nl-bsn' ? isDutchBsn(value) : isUsSsn(value, anyId || hint === 'us-ssn'))
        add('national-id');
      else if (anyId && isDutchBsn(value)) add('national-id');
    }
    if (digits >= 7 && digits <= 15 && !found && isPhoneNumber(value, hint === 'phone')) add('phone');
    if (digits >= 4 && hint !== 'version' && isIpAddress(value)) add('ip-address');
  } else {
    if (upper >= 1 && digits >= 6) {
      if (upper >= 2 && length >= 15 && isIban(value)) add('iban');
      else if (length <= 13 && (isUkNino(value) || isSpanishDni(value))) add('national-id');
    }
    if (length >= 20) {
      if (value.charCodeAt(0) === 101 /* e */ && isJwt(value)) add('jwt');
      else if (isKnownApiKey(value)) add('api-key');
      else if (hint === 'api-key' && isHighEntropyToken(value)) add('api-key');
    }
    if (colon && hint !== 'version' && isIpAddress(value)) add('ip-address');
  }
  if (hint === 'date-of-birth' || hint === 'birth-year') {
    if (isDateOfBirth(value, options.now ?? Date.now(), hint === 'birth-year')) add('date-of-birth');
  }
  return found ?? NONE;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}
