import { describe, expect, it } from 'vitest';
import { analyzeRegexAmbiguity } from './analyze-regex-ambiguity.js';

describe('analyzeRegexAmbiguity', () => {
  it.each([
    '^(a+)+$',
    '(a*)*b',
    'https://([a-z0-9.-]+)?(s3-[a-z0-9-]+|s3|s3\\.([a-z0-9-])+)+\\.amazonaws\\.com/',
    '^(a|a)*$',
    '^(a|ab|b)*c$',
    '^(a|a?)+$',
    '^(\\w+\\s?)*$',
    '^([a-zA-Z0-9]+)*$',
    '(x+x+)+y',
    '^(\\d+)*$',
    '^(a|aa)+$',
    '^(.*a)+$',
    '^([a-z]+\\.?)+@example\\.com$',
  ])('%s is exponential', (pattern) => {
    expect(analyzeRegexAmbiguity(pattern).kind).toBe('exponential');
  });

  it.each(['^\\d+\\d+$', '^\\S+@\\S+\\.\\S+$', '^.*.*x$', '^(.*a){3}$', '^\\w+\\d+$', '^a*[ab]*c$'])(
    '%s is polynomial',
    (pattern) => {
      expect(analyzeRegexAmbiguity(pattern).kind).toBe('polynomial');
    },
  );

  it.each([
    '^[a-z0-9]+(-[a-z0-9]+)*$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^[A-Z]{2}\\d{2}[A-Z0-9]{1,30}$',
    '^(ab+)+$',
    '^[^@]+@[^@]+$',
    '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
    '^(\\+\\d{1,3})?\\d{3}\\d{4}$',
    '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    '^(?:[a-z]+:)?//',
    '^https?://[^\\s/$.?#].[^\\s]*$',
    '^\\p{L}+$',
    '',
    '^(a|b)*$',
    // Overlapping alternatives are not enough: every "ab" splits one way only (a must be followed by a or b+c).
    '^(a|ab)*c$',
    // Counted repetition has one path per count: no ambiguity inside x{0,62}y.
    '^(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+[a-z]{2,}$',
    // Unanchored at the end: the search succeeds as soon as the overlapping loops are reached.
    '.*[0-9A-Za-z][-.0-9A-Z_a-z]*.*',
    'arn:aws:kms:.*:[0-9]+:.*',
    '\\d+',
  ])('%s is safe', (pattern) => {
    expect(analyzeRegexAmbiguity(pattern)).toEqual({ kind: 'safe' });
  });

  it.each(['(a', '[a', 'a)', '*a', 'a{2,1}'])('%s is invalid', (pattern) => {
    expect(analyzeRegexAmbiguity(pattern).kind).toBe('invalid');
  });

  it('gives up (unknown) instead of running away on huge patterns', () => {
    const huge = `^(${'[a-z]{3}'.repeat(200)})$`;
    expect(analyzeRegexAmbiguity(huge).kind).toBe('unknown');
  });

  it('returns a witness character the ambiguous loops share', () => {
    const result = analyzeRegexAmbiguity('^(a+)+$');
    expect(result).toEqual({ kind: 'exponential', witness: 'a' });
  });
});
