import { describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input.js';
import { renderText } from './render-text.js';
import {
  AUDIT_FINDING,
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  HOSTILE_TEXT,
  SAMPLE_RULES,
} from './sample-report.fixture.js';

const ESC = '\u001b';

describe('renderText', () => {
  it('prints one finding as a readable block with location, operation, fix and classification', () => {
    const input: ReportInput = { ...AUDIT_INPUT, findings: [AUDIT_FINDING], scores: [] };
    expect(renderText(input, { baseDir: '/nowhere' })).toBe(
      [
        'Rampart 0.1.0  1 subject · 4 rules · 1 finding',
        '',
        'openapi/petstore.yaml  document · OpenAPI 3.1.0 · "Petstore"',
        '',
        '  HIGH (1)',
        '    ■ write-operation-without-security  openapi/petstore.yaml:42:7  POST /pets',
        '      POST /pets creates data but declares no security requirement (security: [] overrides the global one).',
        '      evidence: The operation sets `security: []`.',
        '      fix: Remove `security: []` from POST /pets or replace it with a requirement such as `bearerAuth`.',
        '      API2:2023 Broken Authentication · CWE-306 · confidence certain · 1 related location',
        '',
        '1 finding: 0 critical, 1 high, 0 medium, 0 low, 0 info · 3.3 s',
        '',
      ].join('\n'),
    );
  });

  it('groups by subject, then severity (most severe first), and ends with counts and scores', () => {
    const text = renderText(COMBINED_INPUT);
    const order = [
      'openapi/petstore.yaml  document',
      'HIGH (1)',
      'write-operation-without-security',
      'MEDIUM (1)',
      'missing-rate-limit',
      'LOW (1)',
      'server-url-plain-http',
      'https://api.example.com  target',
      'CRITICAL (1)',
      'bola-id-swap  GET /users/{id}',
      'LOW (1)',
      'security-headers-missing  GET /',
      'Engine errors (1)',
    ];
    let at = -1;
    for (const needle of order) {
      const next = text.indexOf(needle, at + 1);
      expect(next, `"${needle}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('score 71/100 (C)');
    expect(text).toContain('points lost: API2 −20 (write-operation-without-security)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '5 findings: 1 critical, 1 high, 1 medium, 2 low, 0 info · 1 engine error · score openapi/petstore.yaml 71/100 (C) · 3.3 s',
    );
  });

  it('shows document paths relative to baseDir so terminals can open file:line:col', () => {
    const input: ReportInput = {
      ...AUDIT_INPUT,
      findings: [
        { ...AUDIT_FINDING, location: { document: { file: '/repo/api/openapi.yaml', line: 3, column: 1 } } },
      ],
    };
    expect(renderText(input, { baseDir: '/repo' })).toContain('api/openapi.yaml:3:1');
  });

  it('is plain without color and uses ANSI colour and OSC 8 file links with color', () => {
    expect(renderText(COMBINED_INPUT)).not.toContain(ESC);
    const coloured = renderText(COMBINED_INPUT, { color: true, baseDir: '/repo' });
    expect(coloured).toContain(`${ESC}[1;97;41m CRITICAL ${ESC}[0m`);
    expect(coloured).toContain(`${ESC}]8;;file:///repo/openapi/petstore.yaml${ESC}\\`);
  });

  it('says so when nothing was found', () => {
    const text = renderText(EMPTY_INPUT);
    expect(text).toContain('openapi/clean.yaml  document · OpenAPI 3.0.3\n  no findings');
    expect(text).toContain('No findings: 3 rules checked on 1 subject');
  });

  it('never passes escape sequences or bidi overrides from findings to the terminal', () => {
    const text = renderText(HOSTILE_INPUT);
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0000');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\u001B[2J');
    expect(HOSTILE_TEXT).toContain(ESC);
  });

  it('keeps each finding line on one line even when a message has line breaks', () => {
    const input: ReportInput = { ...AUDIT_INPUT, findings: [{ ...AUDIT_FINDING, message: 'first\nsecond' }] };
    expect(renderText(input)).toContain('      first ↵ second\n');
  });

  it('counts rules that ran even when none of them fired', () => {
    expect(renderText({ ...EMPTY_INPUT, rules: SAMPLE_RULES })).toContain('6 rules checked');
  });
});
