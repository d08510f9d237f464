import { decodeJwt } from './jwt/decode-jwt.js';

/** Why a response value is sensitive. */
export interface SensitiveValue {
  readonly kind:
    | 'password-hash'
    | 'password'
    | 'secret'
    | 'private-key'
    | 'ssn'
    | 'card-number'
    | 'card-security-code'
    | 'jwt';
  /** A safe rendering: never the value itself. */
  readonly shown: string;
}

const HASH =
  /^(\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|\$argon2(id|i|d)\$\S+|scrypt\$\S+|\$scrypt\$\S+|pbkdf2[_$:]\S+|\$[156]\$[./A-Za-z0-9]{1,16}\$\S+|sha(1|256|512)\$\S+)$/;
const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;
const JWT = /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/;
const PASSWORD_NAME =
  /^(password|passwd|pwd|pass|passphrase|passwordhash|hashedpassword|pwdhash|passhash|passwordhashed|passworddigest|encryptedpassword|salt)$/;
const SECRET_NAME =
  /(secret|apikey|privatekey|accesstoken|refreshtoken|sessiontoken|authtoken|clientsecret|^token$|signingkey|credential)/;
const SSN_NAME = /^(ssn|socialsecurity(number)?|sin|nationalid|taxid|tin)$/;
const CARD_NAME = /^(cardnumber|ccnumber|creditcardnumber|pan|primaryaccountnumber)$/;
const CVV_NAME = /^(cvv|cvv2|cvc|cvc2|securitycode|cardsecuritycode)$/;

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** True for 13 to 19 digits that pass the Luhn checksum (a payment card number). */
export function isLuhnCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether one response value (under its field name) is sensitive, by value pattern first (password hashes in
 * bcrypt/argon2/scrypt/pbkdf2/crypt form, PEM private keys, JWTs, dashed SSNs, Luhn-valid card numbers) and
 * by name with a plausible value (passwords; secrets, keys and tokens of high entropy; SSNs; CVVs). Dates,
 * booleans, masked values (`****1234`) and short numbers never are.
 */
export function classifySensitiveValue(name: string, value: string | number): SensitiveValue | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const text = String(value);
  if (typeof value === 'string') {
    if (HASH.test(text))
      return { kind: 'password-hash', shown: `${text.slice(0, text.indexOf('$', 1) + 1 || 7)}…` };
    if (PRIVATE_KEY.test(text)) return { kind: 'private-key', shown: 'PEM private key' };
    if (JWT.test(text) && decodeJwt(text) !== undefined) return { kind: 'jwt', shown: 'JWT' };
    if (SSN.test(text) && !/^(000|666|9)/.test(text))
      return { kind: 'ssn', shown: `***-**-${text.slice(-4)}` };
  }
  if (isLuhnCardNumber(text) && (CARD_NAME.test(key) || typeof value === 'string'))
    return { kind: 'card-number', shown: `card ending ${text.slice(-4)}` };
  if (typeof value !== 'string' || text.length === 0 || /[*•x]{3,}/i.test(text)) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  if (PASSWORD_NAME.test(key) && text.length >= 4)
    return { kind: 'password', shown: `${name} (${text.length} characters)` };
  if (SSN_NAME.test(key) && /^\d{3}-?\d{2}-?\d{4}$/.test(text))
    return { kind: 'ssn', shown: `***-**-${text.slice(-4)}` };
  if (CVV_NAME.test(key) && /^\d{3,4}$/.test(text))
    return { kind: 'card-security-code', shown: `${name} (${text.length} digits)` };
  if (SECRET_NAME.test(key) && text.length >= 16 && entropy(text) >= 3.5)
    return { kind: 'secret', shown: `${name} (${text.length} characters, high entropy)` };
  return undefined;
}
