import { describe, expect, it } from 'vitest';
import { compareSeverityDesc, isAtLeast, isSeverity } from './severity.js';

describe('severity', () => {
  it('orders severities', () => {
    expect(isAtLeast('high', 'medium')).toBe(true);
    expect(isAtLeast('low', 'medium')).toBe(false);
    expect(isAtLeast('critical', 'critical')).toBe(true);
    expect((['low', 'critical', 'info'] as const).slice().sort(compareSeverityDesc)).toEqual([
      'critical',
      'low',
      'info',
    ]);
  });
  it('recognises severity names', () => {
    expect(isSeverity('medium')).toBe(true);
    expect(isSeverity('severe')).toBe(false);
  });
});
