import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listFlawCatalogProblems } from '@rampart/example-demo-support';
import { FLAWS, FLAWS_FILE_URL, OPENAPI_FILE_URL } from './flaw-catalog.js';
import { resolveEnabledFlaws } from './resolve-enabled-flaws.js';

const document = parse(readFileSync(OPENAPI_FILE_URL, 'utf8')) as Record<string, unknown>;

describe('flaws.json', () => {
  it('matches the flaws schema shared with the bank', () => {
    const raw = JSON.parse(readFileSync(FLAWS_FILE_URL, 'utf8'));
    const schema = JSON.parse(readFileSync(new URL(raw.$schema, FLAWS_FILE_URL), 'utf8'));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    const valid = validate(raw);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has 12 to 16 flaws over at least eight categories', () => {
    expect(FLAWS.length).toBeGreaterThanOrEqual(12);
    expect(FLAWS.length).toBeLessThanOrEqual(16);
    expect(new Set(FLAWS.map((f) => f.owasp)).size).toBeGreaterThanOrEqual(8);
  });

  it('tells the truth about openapi.yaml (documented flags, static evidence pointers)', () => {
    expect(listFlawCatalogProblems(FLAWS, document)).toEqual([]);
  });
});

describe('resolveEnabledFlaws', () => {
  it('turns every flaw on by default, none in secure mode', () => {
    expect(resolveEnabledFlaws().size).toBe(FLAWS.length);
    expect(resolveEnabledFlaws({ secure: true, enabled: ['api1-appointment-bola'] }).size).toBe(0);
  });

  it('rejects an unknown id, naming it', () => {
    expect(() => resolveEnabledFlaws({ disabled: ['api1-apointment-bola'] })).toThrow(
      /"api1-apointment-bola" is unknown/,
    );
  });
});
