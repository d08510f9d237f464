import { ERROR_CODES, type ErrorCode, RampartError, RampartValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeForError } from './exit-codes.js';

describe('exitCodeForError', () => {
  it('maps input errors to 2', () => {
    for (const code of [
      'RAMPART_ERR_USAGE',
      'RAMPART_ERR_CONFIG_INVALID',
      'RAMPART_ERR_CONFIG_READ',
      'RAMPART_ERR_OPENAPI_READ',
      'RAMPART_ERR_OPENAPI_PARSE',
      'RAMPART_ERR_OPENAPI_REF',
      'RAMPART_ERR_OPENAPI_INVALID',
      'RAMPART_ERR_REPORT_FORMAT',
      'RAMPART_ERR_SCAN_FLOW',
      'RAMPART_ERR_SCAN_AUTO_IDENTITIES',
    ] as const) {
      expect(exitCodeForError(new RampartError(code, 'x')), code).toBe(2);
    }
    expect(exitCodeForError(new RampartValidationError('RAMPART_ERR_CONFIG_INVALID', 'bad', []))).toBe(2);
  });

  it('maps internal and unknown failures to 3', () => {
    expect(exitCodeForError(new RampartError('RAMPART_ERR_INTERNAL', 'x'))).toBe(3);
    expect(exitCodeForError(new TypeError('boom'))).toBe(3);
    expect(exitCodeForError('a string')).toBe(3);
    expect(exitCodeForError(undefined)).toBe(3);
  });

  it('classifies every catalogued code (a new code must be placed deliberately)', () => {
    const input = new Set(
      (Object.keys(ERROR_CODES) as ErrorCode[]).filter(
        (c) => exitCodeForError(new RampartError(c, 'x')) === EXIT_CODES.usage,
      ),
    );
    const internal = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => !input.has(c));
    expect(internal).toEqual([
      'RAMPART_ERR_INTERNAL',
      'RAMPART_ERR_SCAN_OUT_OF_SCOPE',
      'RAMPART_ERR_SCAN_READ_ONLY',
      'RAMPART_ERR_SCAN_BUDGET',
      'RAMPART_ERR_SCAN_TRANSPORT',
      'RAMPART_ERR_STORE_MIGRATION',
      'RAMPART_ERR_STORE_WRITE',
      'RAMPART_ERR_STORE_CLOSED',
      'RAMPART_ERR_STORE_DECRYPT',
    ]);
  });

  it('keeps the documented numbers', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, findings: 1, usage: 2, internal: 3 });
  });
});
