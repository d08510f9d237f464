import { describe, expect, it } from 'vitest';
import { classifySensitiveValue, isLuhnCardNumber } from '../src/classify-sensitive-value.js';

describe('classifySensitiveValue', () => {
  it.each([
    ['passwordHash', 'scrypt$16384$8$1$c2FsdA$aGFzaA', 'password-hash'],
    ['hash', '$2b$12$KIXQJhV8Fv2yQ3M3n1w3Xe1mC4yBf8f0h3zJrj0b1a2c3d4e5f6g7', 'password-hash'],
    ['anything', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 'password-hash'],
    ['password', 'hunter22', 'password'],
    ['ssn', '123-45-6789', 'ssn'],
    ['socialSecurityNumber', '123456789', 'ssn'],
    ['cardNumber', '4111111111111111', 'card-number'],
    ['cvv', '123', 'card-security-code'],
    ['clientSecret', 'k8sd7f6g5h4j3k2l1z0x9c8v', 'secret'],
    ['pem', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'private-key'],
  ])('%s = %j is %s', (name, value, kind) => {
    expect(classifySensitiveValue(name, value)?.kind).toBe(kind);
  });

  it.each([
    ['ssnLast4', '6789'],
    ['password', '********'],
    ['passwordChangedAt', '2024-01-01T00:00:00Z'],
    ['token', 'short'],
    ['apiKey', 'aaaaaaaaaaaaaaaaaaaa'],
    ['number', 'NL02BANK0000001002'],
    ['id', 70006],
    ['phone', '+31 6 1234 5678'],
    ['referralCode', 'REF-ALICE-42'],
  ])('%s = %j is not sensitive', (name, value) => {
    expect(classifySensitiveValue(name, value)).toBeUndefined();
  });

  it('checks card numbers with Luhn', () => {
    expect(isLuhnCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isLuhnCardNumber('4111111111111112')).toBe(false);
    expect(isLuhnCardNumber('0000000000000000')).toBe(false);
  });
});
