import { describe, expect, it } from 'vitest';
import {
  classifySensitiveName,
  isObjectIdName,
  isOwnershipName,
  isPageSizeName,
  isPrivilegedName,
  isRedirectLikeName,
  isUrlLikeName,
  splitWords,
} from './classify-name.js';

describe('splitWords', () => {
  it.each([
    ['passwordHash', ['password', 'hash']],
    ['API_KEY', ['api', 'key']],
    ['user-id', ['user', 'id']],
    ['HTTPServerURL', ['http', 'server', 'url']],
  ])('%s', (name, words) => expect(splitWords(name)).toEqual(words));
});

describe('name classifiers', () => {
  it.each([
    ['id', true],
    ['userId', true],
    ['account_id', true],
    ['orderNumber', true],
    ['key', false],
    ['apiKey', true],
    ['width', false],
    ['phoneNumber', false],
    ['paid', false],
  ])('isObjectIdName(%s) = %s', (name, expected) => expect(isObjectIdName(name)).toBe(expected));

  it.each([
    ['userId', true],
    ['tenant_id', true],
    ['orgId', true],
    ['productId', false],
    ['id', false],
  ])('isOwnershipName(%s) = %s', (name, expected) => expect(isOwnershipName(name)).toBe(expected));

  it.each([
    ['role', true],
    ['isAdmin', true],
    ['is_admin', true],
    ['balance', true],
    ['email_verified', true],
    ['name', false],
    ['roleDescription', false],
    ['nickname', false],
  ])('isPrivilegedName(%s) = %s', (name, expected) => expect(isPrivilegedName(name)).toBe(expected));

  it.each([
    ['password', 'credential'],
    ['passwordHash', 'credential'],
    ['password_hash', 'credential'],
    ['ssn', 'government-id'],
    ['cardNumber', 'payment'],
    ['cvv', 'payment'],
    ['iban', 'bank'],
    ['dateOfBirth', 'birth-date'],
    ['accessToken', 'secret'],
    ['api_key', 'secret'],
    ['clientSecret', 'secret'],
    ['username', undefined],
    ['tokenType', undefined],
    ['shipping', undefined],
    ['passenger', undefined],
    ['keyword', undefined],
  ])('classifySensitiveName(%s) = %s', (name, expected) =>
    expect(classifySensitiveName(name)).toBe(expected),
  );

  it.each([
    ['callback_url', true],
    ['webhookUrl', true],
    ['imageUrl', true],
    ['redirect_uri', true],
    ['host', true],
    ['url', true],
    ['curl_version', false],
    ['hostname_label', false],
    ['name', false],
  ])('isUrlLikeName(%s) = %s', (name, expected) => expect(isUrlLikeName(name)).toBe(expected));

  it.each([
    ['redirect_uri', true],
    ['returnTo', true],
    ['next', true],
    ['nextPage', false],
  ])('isRedirectLikeName(%s) = %s', (name, expected) => expect(isRedirectLikeName(name)).toBe(expected));

  it.each([
    ['limit', true],
    ['per_page', true],
    ['pageSize', true],
    ['page', false],
    ['offset', false],
  ])('isPageSizeName(%s) = %s', (name, expected) => expect(isPageSizeName(name)).toBe(expected));
});
