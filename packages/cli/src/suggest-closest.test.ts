import { describe, expect, it } from 'vitest';
import { suggestClosest } from './suggest-closest.js';

describe('suggestClosest', () => {
  const commands = ['inspect', 'config', 'help', 'audit', 'scan'];

  it.each([
    ['inspcet', 'inspect'],
    ['insect', 'inspect'],
    ['confg', 'config'],
    ['hlep', 'help'],
    ['scna', 'scan'],
    ['AUDIT', 'audit'],
  ])('suggests %s → %s', (input, expected) => {
    expect(suggestClosest(input, commands)).toBe(expected);
  });

  it('treats case differences as no distance (configuration keys)', () => {
    expect(suggestClosest('failon', ['rules', 'failOn', 'minScore'])).toBe('failOn');
    expect(suggestClosest('min_score', ['rules', 'failOn', 'minScore'])).toBe('minScore');
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggestClosest('deploy', commands)).toBeUndefined();
    expect(suggestClosest('x', [])).toBeUndefined();
    expect(suggestClosest('zz', ['ab'])).toBeUndefined();
  });

  it('prefers the nearest candidate', () => {
    expect(suggestClosest('hig', ['high', 'info', 'low'])).toBe('high');
  });
});
