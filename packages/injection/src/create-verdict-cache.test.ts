import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from './create-injection-inspector.js';
import { createVerdictCache } from './create-verdict-cache.js';

describe('createVerdictCache', () => {
  it('keeps at most its capacity, dropping the oldest entry first', () => {
    const cache = createVerdictCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    expect(cache.size).toBe(2);
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 4]);
  });
});

describe('inspector verdicts on repeated values', () => {
  const inspector = createInjectionInspector();
  const attack = "1' UNION SELECT password FROM users--";
  const agent =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

  it('reports a repeated attack again, at the location of each request', () => {
    const first = inspector.inspect({ query: { q: attack } });
    const second = inspector.inspect({ query: { search: attack } });
    expect(first.map((h) => h.class)).toContain('sqli');
    expect(second.map((h) => h.location)).toEqual(
      first.map((h) => h.location.replace('query.q', 'query.search')),
    );
    expect(second.map(({ location: _, ...rest }) => rest)).toEqual(
      first.map(({ location: _, ...rest }) => rest),
    );
  });

  it('gives a value the verdict of its own kind of location, not of the first place it was seen', () => {
    // A path-traversal shape is judged differently in a header (no ssrf/path rules) and in a query parameter.
    const value = 'http://169.254.169.254/latest/meta-data/';
    const inQuery = inspector.inspect({ query: { url: value } }).map((h) => h.class);
    const inHeader = inspector.inspect({ headers: { 'x-forwarded-host': value } }).map((h) => h.class);
    expect(inQuery).toContain('ssrf');
    expect(inHeader).not.toContain('ssrf');
    expect(inspector.inspect({ query: { url: value } }).map((h) => h.class)).toEqual(inQuery);
  });

  it('stays quiet on a browser user agent seen many times', () => {
    for (let i = 0; i < 3; i++) expect(inspector.inspect({ headers: { 'user-agent': agent } })).toEqual([]);
  });

  it('does not share hits found inside JSON carried by a value between locations', () => {
    const json = '{"$where":"sleep(1000)"}';
    const a = inspector.inspect({ query: { filter: json } }).map((h) => h.location);
    const b = inspector.inspect({ query: { other: json } }).map((h) => h.location);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a.map((l) => l.replace('query.filter', 'query.other')));
  });
});
