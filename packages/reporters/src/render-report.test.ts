import { isRampartError, type Finding, Secret } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from './report-formats.js';
import type { ReportInput } from './report-input.js';
import { renderReport } from './render-report.js';
import {
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  SAMPLE_API_KEY,
  SAMPLE_PASSWORD,
  SAMPLE_TOKEN,
  SCAN_FINDING,
  SCAN_INPUT,
} from './sample-report.fixture.js';

const inputs: [string, ReportInput][] = [
  ['audit', AUDIT_INPUT],
  ['scan', SCAN_INPUT],
  ['combined', COMBINED_INPUT],
  ['empty', EMPTY_INPUT],
  ['hostile', HOSTILE_INPUT],
];
const matrix = REPORT_FORMATS.flatMap((format) =>
  inputs.map(([name, input]) => [format, name, input] as const),
);

/** Deterministic Fisher-Yates with a fixed seed, so the test is repeatable. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('renderReport', () => {
  it('throws RAMPART_ERR_REPORT_FORMAT naming the valid formats for an unknown one', () => {
    let error: unknown;
    try {
      renderReport('pdf', EMPTY_INPUT);
    } catch (e) {
      error = e;
    }
    expect(isRampartError(error) && error.code).toBe('RAMPART_ERR_REPORT_FORMAT');
    expect((error as Error).message).toBe(
      'Unknown report format "pdf": use one of text, json, sarif, junit, html',
    );
  });

  it.each(matrix)('%s × %s: same output whatever the input order of findings', (format, _name, input) => {
    const first = renderReport(format, input);
    const reordered: ReportInput = {
      ...input,
      findings: shuffled(input.findings, 7).map(
        (f) => Object.fromEntries(shuffled(Object.entries(f), 3)) as unknown as Finding,
      ),
      rules: shuffled(input.rules, 11),
    };
    expect(renderReport(format, reordered)).toBe(first);
  });

  it.each(matrix)('%s × %s: never prints a credential', (format, _name, input) => {
    const out = renderReport(format, input);
    for (const secret of [SAMPLE_TOKEN, SAMPLE_PASSWORD, SAMPLE_API_KEY]) expect(out).not.toContain(secret);
  });

  it.each(REPORT_FORMATS)('%s: a Secret object that reached a finding prints as [redacted]', (format) => {
    const secret = new Secret('Bearer tok-SHOULD-NOT-LEAK') as unknown as string;
    const leaky: Finding = {
      ...SCAN_FINDING,
      evidence: {
        summary: 'token echoed',
        exchanges: [
          { request: { method: 'GET', url: 'https://api.example.com/', headers: { 'x-echo': secret } } },
        ],
      },
    };
    const out = renderReport(format, { ...SCAN_INPUT, findings: [leaky] });
    expect(out).not.toContain('tok-SHOULD-NOT-LEAK');
    if (format !== 'text') expect(out).toContain('[redacted]');
  });

  it.each(REPORT_FORMATS)('%s: mentions every finding of the combined report', (format) => {
    const out = renderReport(format, COMBINED_INPUT);
    for (const f of COMBINED_INPUT.findings) expect(out).toContain(f.ruleId);
  });
});
