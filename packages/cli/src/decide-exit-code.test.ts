import { RampartError, type Severity } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { decideExitCode, parseFailOn } from './decide-exit-code.js';

const of = (...severities: Severity[]) => severities.map((severity) => ({ severity }));

describe('decideExitCode', () => {
  it('fails when a finding is at or above the threshold', () => {
    expect(decideExitCode(of('low', 'high'), 'high')).toBe(1);
    expect(decideExitCode(of('critical'), 'high')).toBe(1);
    expect(decideExitCode(of('info'), 'info')).toBe(1);
  });

  it('passes when every finding is below the threshold, or there are none', () => {
    expect(decideExitCode(of('low', 'medium'), 'high')).toBe(0);
    expect(decideExitCode([], 'info')).toBe(0);
  });

  it('never fails with none', () => {
    expect(decideExitCode(of('critical'), 'none')).toBe(0);
  });

  it('accepts raw command-line values case-insensitively', () => {
    expect(decideExitCode(of('medium'), 'MEDIUM')).toBe(1);
  });

  it('rejects an unknown threshold with a usage error and a suggestion instead of passing', () => {
    expect(() => decideExitCode(of('critical'), 'hgh')).toThrow(RampartError);
    expect(() => parseFailOn('hgh')).toThrow(
      expect.objectContaining({
        code: 'RAMPART_ERR_USAGE',
        message: '--fail-on "hgh" is not a severity; did you mean "high"?',
        hint: 'use one of: info, low, medium, high, critical, none',
      }),
    );
  });
});
