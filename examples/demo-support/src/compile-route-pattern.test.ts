import { describe, expect, it } from 'vitest';
import { compileRoutePattern } from './compile-route-pattern.js';

describe('compileRoutePattern', () => {
  it('matches one segment per parameter and names them in order', () => {
    const { pattern, names } = compileRoutePattern('/accounts/{accountId}/cards/{cardId}');
    expect(names).toEqual(['accountId', 'cardId']);
    expect(pattern.exec('/accounts/12/cards/ab-3')?.slice(1)).toEqual(['12', 'ab-3']);
    expect(pattern.test('/accounts/12/cards')).toBe(false);
    expect(pattern.test('/accounts/12/x/cards/3')).toBe(false);
  });

  it('takes the rest of the path literally', () => {
    const { pattern, names } = compileRoutePattern('/v1.0/files/{name}.json');
    expect(names).toEqual(['name']);
    expect(pattern.test('/v1.0/files/a.json')).toBe(true);
    expect(pattern.test('/v1x0/files/a.json')).toBe(false);
  });
});
