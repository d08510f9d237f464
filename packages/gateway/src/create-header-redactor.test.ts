import { redactHeaders } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { createHeaderRedactor } from './create-header-redactor.js';

const CASES: Record<string, string | string[]>[] = [
  { host: 'api.example', authorization: 'Bearer eyJhbGciOi.x.y', accept: 'application/json' },
  { Authorization: 'Basic dXNlcjpwYXNz', 'Proxy-Authorization': 'opaque', cookie: 'sid=1; theme=dark' },
  { 'x-api-key': 'k-123', 'x-session-id': 's-1', 'x-refresh-token': 'r', 'x-client-secret': 'c' },
  { 'set-cookie': ['a=1; HttpOnly', 'b=2'], via: '1.1 a', 'x-pin': '1234', 'x-shipping': 'express' },
  { 'content-type': 'application/json', 'x-userPassword': 'p', 'x-trace': 'abc', authorization: 'token' },
];

describe('createHeaderRedactor', () => {
  it('redacts exactly like core redactHeaders, on first sight and from its cache', () => {
    const redact = createHeaderRedactor();
    for (let round = 0; round < 2; round++)
      for (const headers of CASES) expect(redact(headers)).toEqual(redactHeaders(headers));
    expect(redact(CASES[2] as Record<string, string>)).toMatchObject({
      'x-api-key': '[redacted]',
      'x-session-id': '[redacted]',
    });
  });

  it('writes numeric values as strings and skips undefined ones', () => {
    const redact = createHeaderRedactor();
    expect(redact({ 'content-length': 42, etag: undefined, 'x-api-key': 7 })).toEqual({
      'content-length': '42',
      'x-api-key': '[redacted]',
    });
  });

  it('still redacts names beyond its cache size', () => {
    const redact = createHeaderRedactor(1);
    redact({ accept: '*/*' });
    expect(redact({ 'x-auth-token': 't', accept: '*/*' })).toEqual({
      'x-auth-token': '[redacted]',
      accept: '*/*',
    });
  });
});
