import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSecretName, redactHeaders, redactJson, redactUrl } from './redact.js';

describe('isSecretName', () => {
  it.each([
    'password',
    'userPassword',
    'client_secret',
    'X-Refresh-Token',
    'api_key',
    'apiKey',
    'x-api-key',
    'Cookie',
    'pin',
    'card_cvv',
    'sessionId',
    'privateKey',
  ])('treats %s as secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'shipping',
    'opinion',
    'author',
    'username',
    'email',
    'content-type',
    'keyword',
    'passenger_count',
  ])('leaves %s alone', (name) => expect(isSecretName(name)).toBe(false));
});

describe('redactHeaders', () => {
  it('keeps the auth scheme but not the credential, and lower-cases names', () => {
    const out = redactHeaders({
      Authorization: 'Bearer abc.def.ghi',
      Cookie: 'sid=1',
      Accept: 'application/json',
    });
    expect(out).toEqual({
      authorization: 'Bearer [redacted]',
      cookie: '[redacted]',
      accept: 'application/json',
    });
  });

  it('never lets a secret header value through, whatever its value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (scheme, credential) => {
        const out = redactHeaders({
          'X-Api-Key': credential,
          authorization: `${scheme.replaceAll(' ', '')} ${credential}`,
          'set-cookie': [credential, credential],
        });
        expect(out['x-api-key']).toBe('[redacted]');
        expect(out['set-cookie']).toBe('[redacted]');
        expect(out.authorization?.endsWith('[redacted]')).toBe(true);
        expect(out.authorization?.split(' ').length).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('redactUrl', () => {
  it('redacts secret query parameters only', () => {
    expect(redactUrl('/login?user=bob&password=hunter2&access_token=abc')).toBe(
      '/login?user=bob&password=%5Bredacted%5D&access_token=%5Bredacted%5D',
    );
    expect(redactUrl('/items?page=2')).toBe('/items?page=2');
  });

  it('survives malformed escapes', () => {
    expect(redactUrl('/x?%E0%A4%A=1&token=zz')).toBe('/x?%E0%A4%A=1&token=%5Bredacted%5D');
  });
});

describe('redactJson', () => {
  it('redacts nested secret fields and bounds depth', () => {
    expect(redactJson({ user: { name: 'a', password: 'p' }, list: [{ token: 't' }] })).toEqual({
      user: { name: 'a', password: '[redacted]' },
      list: [{ token: '[redacted]' }],
    });
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(JSON.stringify(redactJson(deep, 5))).toContain('[truncated]');
  });
});
