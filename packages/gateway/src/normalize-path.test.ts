import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePath, normalizePathSlowly } from './normalize-path.js';

const ok = (target: string, caseInsensitive = false) => {
  const r = normalizePath(target, { caseInsensitive });
  if (!r.ok) throw new Error(`expected ${target} to normalize, got: ${r.reason}`);
  return r.path;
};
const refused = (target: string) => {
  const r = normalizePath(target);
  return r.ok ? `accepted as ${r.path}` : 'refused';
};

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['/admin', '/admin'],
    ['/%61dmin', '/admin'],
    ['/%41DMIN', '/ADMIN'],
    ['//admin', '/admin'],
    ['/x/../admin', '/admin'],
    ['/x/%2e%2e/admin', '/admin'],
    ['/x/.%2E/admin', '/admin'],
    ['/./admin/.', '/admin/'],
    ['/admin;jsessionid=1', '/admin'],
    ['/admin;x=1/users', '/admin/users'],
    ['/x/..;/admin', '/admin'],
    ['/;x/admin', '/admin'],
    ['/a/b/', '/a/b/'],
    ['/a//b///c', '/a/b/c'],
    ['/a/b/..', '/a/'],
    ['/users/%7e', '/users/~'],
    ['/users/%c3%a9', '/users/%C3%A9'],
    ['/q%3Bx', '/q%3Bx'],
    ['/a%20b', '/a%20b'],
    ['/a"b{c}', '/a%22b%7Bc%7D'],
    ["/a:b@c!$&'()*+,=", "/a:b@c!$&'()*+,="],
    ['http://example.test/a/../b?x', '/b'],
    ['https://example.test', '/'],
  ])('%s → %s', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it('keeps the query as received', () => {
    const r = normalizePath('/a/./b?x=%2f&y=..');
    expect(r).toEqual({ ok: true, path: '/a/b', query: 'x=%2f&y=..' });
  });

  it('folds ASCII case when asked, keeping escapes upper-case', () => {
    expect(ok('/ADMIN', true)).toBe('/admin');
    expect(ok('/%41dMiN/%c3%a9', true)).toBe('/admin/%C3%A9');
  });

  it.each([
    '/%2fadmin',
    '/a%2Fb',
    '/a%5cb',
    '/a\\b',
    '/a%00b',
    '/a%0d%0ab',
    '/..',
    '/../admin',
    '/%2e%2e/admin',
    '/a/../../admin',
    '/a#b',
    '/a?b#c',
    '/a%zz',
    '/a%2',
    '/a%',
    '/%c0%ae%c0%ae/admin',
    '/%ff',
    '*',
    'admin',
    '/a b',
  ])('refuses %s', (input) => {
    expect(refused(input)).toBe('refused');
  });

  const targets = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `/${s}`),
    fc
      .array(
        fc.constantFrom(
          'a',
          'B',
          '.',
          '..',
          '%2e',
          '%2E',
          '%2f',
          '%41',
          ';x=1',
          '',
          '%c3%a9',
          '%25',
          '~',
          ':',
          '%',
          '\\',
          '?q',
        ),
        { maxLength: 12 },
      )
      .map((parts) => `/${parts.join('/')}`),
  );

  it('never throws, is idempotent and never yields "." or ".." segments or "//"', () => {
    fc.assert(
      fc.property(targets, fc.boolean(), (target, caseInsensitive) => {
        const first = normalizePath(target, { caseInsensitive });
        if (!first.ok) return;
        expect(first.path.startsWith('/')).toBe(true);
        expect(first.path.split('/').some((s) => s === '.' || s === '..')).toBe(false);
        expect(first.path).not.toContain('//');
        expect(first.path).not.toContain(';');
        const second = normalizePath(first.path, { caseInsensitive });
        expect(second).toEqual({ ok: true, path: first.path, query: '' });
      }),
      { numRuns: 3000 },
    );
  });

  it('gives exactly the result of the full algorithm on its fast path for canonical paths', () => {
    const absolute = fc.oneof(
      targets,
      targets.map((t) => `http://h${t}`),
      fc.constant('/'),
      fc.constant('/a/'),
    );
    fc.assert(
      fc.property(absolute, fc.boolean(), (target, caseInsensitive) => {
        expect(normalizePath(target, { caseInsensitive })).toEqual(
          normalizePathSlowly(target, { caseInsensitive }),
        );
      }),
      { numRuns: 5000 },
    );
    for (const target of ['/', '/a/', '/a//b', '/a/./b', '/a/..', '/.a/..b/...', '/A?x=1', '/a;b', '/a%41'])
      for (const caseInsensitive of [false, true])
        expect(normalizePath(target, { caseInsensitive })).toEqual(
          normalizePathSlowly(target, { caseInsensitive }),
        );
  });

  it('maps every spelling of a path that decodes to /admin onto /admin', () => {
    const spell = fc
      .array(fc.boolean(), { minLength: 5, maxLength: 5 })
      .map((encode) =>
        [...'admin'].map((ch, i) => (encode[i] ? `%${ch.charCodeAt(0).toString(16)}` : ch)).join(''),
      );
    fc.assert(
      fc.property(
        spell,
        fc.constantFrom('', ';a=1', ';'),
        fc.constantFrom('/', '//', '/x/../', '/./'),
        (name, params, prefix) => {
          expect(ok(`${prefix}${name}${params}`)).toBe('/admin');
        },
      ),
    );
  });
});
