import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { validateApiEvent } from './validate-api-event.js';

const NOW = 1_700_000_000_000;
const good: ApiEvent = {
  id: 'evt-1',
  time: NOW - 1000,
  origin: 'sensor:web',
  method: 'get',
  rawPath: '/users/7?x=1',
  path: '/users/7',
  status: 200,
  latencyMs: 1.5,
  requestSize: 0,
  responseSize: 10,
  clientIp: '10.0.0.1',
  auth: 'success',
  verdict: 'observe',
  requestHeaders: { Accept: '*/*' },
  responseHeaders: {},
  identity: { subject: 'u1', method: 'jwt', roles: ['admin'] },
  query: { x: '1', tags: ['a', 'b'] },
  requestBody: { truncated: false, size: 2, text: '{}', contentType: 'application/json' },
};

describe('validateApiEvent', () => {
  it('accepts a well-formed event, upper-cases the method, lower-cases header names, drops unknown fields', () => {
    const result = validateApiEvent({ ...good, smuggled: 'x'.repeat(10) }, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event.method).toBe('GET');
    expect(result.event.requestHeaders).toEqual({ accept: '*/*' });
    expect(result.event).not.toHaveProperty('smuggled');
    expect(result.event.identity).toEqual(good.identity);
    expect(result.event.query).toEqual(good.query);
  });

  it.each([
    ['not an object', 'x', /event must be an object/],
    ['array', [good], /event must be an object/],
    ['missing id', { ...good, id: undefined }, /id must be a string/],
    ['empty id', { ...good, id: '' }, /id is empty/],
    ['time as string', { ...good, time: '2024-01-01' }, /time must be a finite number/],
    ['time far in the future', { ...good, time: NOW + 3 * 86_400_000 }, /more than a day in the future/],
    ['status 1000', { ...good, status: 1000 }, /status 1000/],
    ['status 2.5', { ...good, status: 2.5 }, /status 2.5/],
    ['negative latency', { ...good, latencyMs: -1 }, /latencyMs must be at least 0/],
    ['NaN size', { ...good, responseSize: Number.NaN }, /responseSize must be a finite number/],
    ['method with spaces', { ...good, method: 'GET /x' }, /not an HTTP method token/],
    ['unknown auth', { ...good, auth: 'maybe' }, /auth "maybe"/],
    ['unknown verdict', { ...good, verdict: 'block' }, /verdict "block"/],
    ['header value not a string', { ...good, requestHeaders: { a: 1 } }, /requestHeaders.a must be a string/],
    ['huge path', { ...good, path: `/${'a'.repeat(9000)}` }, /path is 9001 characters/],
    [
      'identity without subject',
      { ...good, identity: { method: 'jwt' } },
      /identity.subject must be a string/,
    ],
    [
      'body without truncated',
      { ...good, requestBody: { size: 1 } },
      /requestBody.truncated must be a boolean/,
    ],
    [
      'too many headers',
      { ...good, requestHeaders: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`h${i}`, 'v'])) },
      /more than 200/,
    ],
  ])('rejects %s with a reason', (_name, value, reason) => {
    const result = validateApiEvent(value, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
