import { describe, expect, it } from 'vitest';
import { classifyValue } from './classify-value.js';
import type { DataClass } from './data-class.js';

const NOW = Date.UTC(2025, 5, 1);
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFsaWNlIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Case = readonly [value: string, field: string | undefined, expected: readonly DataClass[]];

/** Values that hold sensitive data, each with the class it must get. */
const POSITIVES: readonly Case[] = [
  ['alice@example.com', undefined, ['email']],
  ['first.last+tag@mail.example.co.uk', undefined, ['email']],
  ['  bob@example.org ', undefined, ['email']],
  ['+14155552671', undefined, ['phone']],
  ['+1 (415) 555-2671', undefined, ['phone']],
  ['+44 20 7946 0018', undefined, ['phone']],
  ['+44 (0)20 7946 0018', undefined, ['phone']],
  ['+33 1 23 45 67 89', undefined, ['phone']],
  ['+49 30 901820', undefined, ['phone']],
  ['(415) 555-2671', undefined, ['phone']],
  ['415-555-2671', undefined, ['phone']],
  ['415.555.2671', undefined, ['phone']],
  ['020 7946 0018', undefined, ['phone']],
  ['01 23 45 67 89', undefined, ['phone']],
  ['4155552671', 'phone', ['phone']],
  ['07700900123', 'mobileNumber', ['phone']],
  ['020-7946-0018', 'phone', ['phone']],
  ['4111111111111111', undefined, ['payment-card']],
  ['4111 1111 1111 1111', undefined, ['payment-card']],
  ['4111-1111-1111-1111', undefined, ['payment-card']],
  ['5555555555554444', undefined, ['payment-card']],
  ['2223003122003222', undefined, ['payment-card']],
  ['378282246310005', undefined, ['payment-card']],
  ['3782 822463 10005', undefined, ['payment-card']],
  ['6011111111111117', undefined, ['payment-card']],
  ['3530111333300000', undefined, ['payment-card']],
  ['30569309025904', undefined, ['payment-card']],
  ['6200000000000005', undefined, ['payment-card']],
  ['DE89370400440532013000', undefined, ['iban']],
  ['DE89 3704 0044 0532 0130 00', undefined, ['iban']],
  ['GB82WEST12345698765432', undefined, ['iban']],
  ['FR1420041010050500013M02606', undefined, ['iban']],
  ['NL91ABNA0417164300', undefined, ['iban']],
  ['NO9386011117947', undefined, ['iban']],
  ['123-45-6789', undefined, ['national-id']],
  ['536 90 4399', undefined, ['national-id']],
  ['536904399', 'ssn', ['national-id']],
  ['536904399', 'socialSecurityNumber', ['national-id']],
  ['AB123456C', undefined, ['national-id']],
  ['AB 12 34 56 C', undefined, ['national-id']],
  ['12345678Z', undefined, ['national-id']],
  ['X1234567L', undefined, ['national-id']],
  ['111222333', 'bsn', ['national-id']],
  [JWT, undefined, ['jwt']],
  [`${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`, undefined, ['jwt']],
  ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', undefined, ['api-key']],
  ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', undefined, ['api-key']],
  ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', undefined, ['api-key']],
  ['AKIAIOSFODNN7EXAMPLE', undefined, ['api-key']],
  ['AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW', undefined, ['api-key']],
  ['glpat-xY9z8W7v6U5t4S3r2Q1p', undefined, ['api-key']],
  ['Zx9Kq2LmN8vB3tR7wY1pE5sD', 'apiKey', ['api-key']],
  ['Zx9Kq2LmN8vB3tR7wY1pE5sD', 'client_secret', ['api-key']],
  ['d41d8cd98f00b204e9800998ecf8427e', 'accessToken', ['api-key']],
  [
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA…\n-----END RSA PRIVATE KEY-----',
    undefined,
    ['private-key'],
  ],
  ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA', undefined, ['private-key']],
  ['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg', undefined, ['private-key']],
  ['192.168.1.10', undefined, ['ip-address']],
  ['203.0.113.7', 'clientIp', ['ip-address']],
  ['2001:db8::1', undefined, ['ip-address']],
  ['::ffff:192.0.2.1', undefined, ['ip-address']],
  ['fe80:0:0:0:0:0:0:1', undefined, ['ip-address']],
  ['1985-03-12', 'dob', ['date-of-birth']],
  ['1985-03-12T00:00:00Z', 'dateOfBirth', ['date-of-birth']],
  ['12/31/1980', 'birth_date', ['date-of-birth']],
  ['31.12.1980', 'birthday', ['date-of-birth']],
  ['19800412', 'DOB', ['date-of-birth']],
  ['1985', 'birthYear', ['date-of-birth']],
];

/** Near misses: values with the shape of a sensitive value that must not be classified. */
const NEAR_MISSES: readonly Case[] = [
  // Email-like
  ['icon@2x.png', undefined, []],
  ['user@localhost', undefined, []],
  ['@handle', undefined, []],
  ['git@github.com:org/repo.git', undefined, []],
  ['a..b@example.com', undefined, []],
  // Order numbers and other long numbers
  ['4111111111111112', undefined, []], // Luhn fails
  ['1234567812345670', undefined, []], // Luhn passes, no issuer starts with 1
  ['9876543210123456', undefined, []],
  ['4444444444444444', undefined, []], // filler
  ['4111 1111-1111 1111', undefined, []], // mixed separators
  ['41111111111111111111', undefined, []], // 20 digits
  ['1700000000000', undefined, []], // epoch milliseconds
  ['1700000000', undefined, []], // epoch seconds
  ['20240115103000', undefined, []], // compact timestamp
  // Phone-like ids
  ['4155552671', undefined, []], // bare ten digits, no phone field
  ['4155552671', 'orderId', []],
  ['123-456-7890', undefined, []], // area codes never start with 1
  ['+11234567890', undefined, []], // ditto, in E.164
  ['+1234', undefined, []],
  ['+999123456789', undefined, []], // unassigned country code
  ['+33 1 23', undefined, []], // too short for France
  ['+1 415--555-2671', undefined, []],
  ['01-02-2024', undefined, []],
  ['03-2014-0228', 'caseId', []], // a dashed reference number, not 03 2014 0228
  ['A5:EB:C1:95:DC:D8:2B:E7', 'serial', []], // colon-separated bytes, not IPv6
  ['0.1.2', undefined, []],
  // IBAN-like
  ['DE89370400440532013001', undefined, []], // checksum
  ['DE8937040044053201300', undefined, []], // length for DE
  ['XX89370400440532013000', undefined, []], // no such country
  ['ORD-20240115-0042', undefined, []],
  // National-id-like
  ['536904399', undefined, []], // bare nine digits, no field name
  ['536904399', 'customerId', []],
  ['666-12-3456', undefined, []],
  ['900-12-3456', undefined, []],
  ['000-12-3456', undefined, []],
  ['123-00-4567', undefined, []],
  ['123-45-0000', undefined, []],
  ['078-05-1120', undefined, []],
  ['2024-01-1534', undefined, []],
  ['BG123456C', undefined, []], // unallocated prefix
  ['DA123456C', undefined, []], // D never first
  ['AB123456E', undefined, []], // suffix A-D only
  ['12345678A', undefined, []], // DNI control letter
  ['111222334', 'bsn', []], // fails 11-proof and (bare) SSN rules differ: 111-22-2334 is a valid SSN shape
  // Tokens and keys
  ['eyJhbGciOi.eyJzdWIi.x', undefined, []],
  [`${b64({ typ: 'JWT' })}.${b64({ sub: 'x' })}.sig`, undefined, []], // header without alg
  ['1.2.3', undefined, []],
  ['AKIAEXAMPLE', undefined, []],
  ['sk_live_short', undefined, []],
  ['pk_live_4eC39HqLyjWDarjtT1zdp7dc', undefined, []], // publishable, not secret
  ['ghp_tooShort123', undefined, []],
  ['Zx9Kq2LmN8vB3tR7wY1pE5sD', 'description', []],
  ['Zx9Kq2LmN8vB3tR7wY1pE5sD', 'cacheKey', []],
  ['getMaintenanceTimeInterval', 'key', []], // an identifier, not a secret
  ['550e8400-e29b-41d4-a716-446655440000', 'idempotencyKey', []],
  ['550e8400-e29b-41d4-a716-446655440000', 'token', []],
  ['aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'token', []], // no entropy
  ['d41d8cd98f00b204e9800998ecf8427e', 'sha', []], // hex hash
  ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', undefined, []],
  ['-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh', undefined, []],
  ['-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE', undefined, []],
  // IP-like
  ['256.1.1.1', undefined, []],
  ['01.02.03.04', undefined, []],
  ['1.2.3.4', 'version', []],
  ['10.0.19045.1', undefined, []],
  ['12:30:45', undefined, []],
  ['00:1A:2B:3C:4D:5E', undefined, []], // MAC address
  ['2024-01-15T10:30:00Z', undefined, []],
  // Dates that are not dates of birth
  ['1985-03-12', 'createdAt', []],
  ['1985-03-12', undefined, []],
  ['2999-01-01', 'dob', []], // future
  ['1850-01-01', 'dob', []], // nobody is that old
  ['1985-02-30', 'dob', []], // no such day
  ['3000', 'birthYear', []],
  ['1985', 'year', []],
  // Version strings, UUIDs, plain words
  ['v1.2.3-beta.4', undefined, []],
  ['550e8400-e29b-41d4-a716-446655440000', undefined, []],
  ['hello world', undefined, []],
  ['[redacted]', 'ssn', []],
];

describe('classifyValue', () => {
  it.each(POSITIVES)('classifies %j (field %s) as %j', (value, field, expected) => {
    expect(classifyValue(value, { now: NOW, ...(field ? { fieldName: field } : {}) })).toEqual(expected);
  });

  it.each(NEAR_MISSES)('does not classify the near miss %j (field %s)', (value, field, expected) => {
    expect(classifyValue(value, { now: NOW, ...(field ? { fieldName: field } : {}) })).toEqual(expected);
  });

  it('finds a private key in a value longer than any other class allows', () => {
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${'A'.repeat(20_000)}\n-----END EC PRIVATE KEY-----`;
    expect(classifyValue(pem)).toEqual(['private-key']);
    expect(classifyValue('x'.repeat(20_000))).toEqual([]);
    expect(classifyValue(`contact alice@example.com ${'x'.repeat(600)}`)).toEqual([]);
  });

  it('recognises a JWT with a large payload', () => {
    const big = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'x', roles: 'r'.repeat(2000) })}.${'s'.repeat(342)}`;
    expect(big.length).toBeGreaterThan(512);
    expect(classifyValue(big)).toEqual(['jwt']);
  });

  it('is not slowed down by adversarial near-matches (no catastrophic backtracking)', () => {
    // Each input would take seconds with a backtracking-prone pattern; together they must stay far below that.
    const inputs = [
      `+${'1'.repeat(22)}x`,
      `DE89${'A'.repeat(36)}a`,
      `${'a.'.repeat(100)}@${'b.'.repeat(60)}1`,
      `eyJ${'A'.repeat(5000)}.eyJ${'B'.repeat(5000)}.!`,
      `0${' 12'.repeat(7)}x`,
    ];
    for (const input of inputs) expect(classifyValue(input)).toEqual([]);
  });
});
