import { describe, expect, it } from 'vitest';
import { classifyFieldName } from './classify-field-name.js';

describe('classifyFieldName', () => {
  it.each([
    ['email', 'email'],
    ['customerEmail', 'email'],
    ['user_mail', 'email'],
    ['emailAddress', 'email'],
    ['phoneNumber', 'phone'],
    ['mobile_no', 'phone'],
    ['ssn', 'us-ssn'],
    ['social_security_number', 'us-ssn'],
    ['bsn', 'nl-bsn'],
    ['nationalId', 'national-id'],
    ['dateOfBirth', 'date-of-birth'],
    ['DOB', 'date-of-birth'],
    ['birth_year', 'birth-year'],
    ['cardNumber', 'payment-card'],
    ['IBAN', 'iban'],
    ['X-Client-IP', 'ip-address'],
    ['clientIPAddress', 'ip-address'],
    ['remote_addr', 'ip-address'],
    ['apiKey', 'api-key'],
    ['key', 'api-key'],
    ['refresh_token', 'api-key'],
    ['privateKey', 'private-key'],
    ['appVersion', 'version'],
  ])('%s → %s', (name, hint) => {
    expect(classifyFieldName(name)).toBe(hint);
  });

  it.each([
    'zip',
    'shipTo',
    'tooltip',
    'emailVerified',
    'cacheKey',
    'sortKey',
    'phoneVerified',
    'id',
    'name',
    '',
  ])('%j gives no hint', (name) => {
    expect(classifyFieldName(name)).toBeUndefined();
  });
});
