import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listFlawCatalogProblems } from '@rampart/example-demo-support';
import { FLAWS, FLAWS_FILE_URL } from './flaw-catalog.js';
import { OPENAPI_FILE_URL } from './operations-routes.js';
import { resolveEnabledFlaws } from './resolve-enabled-flaws.js';

const document = parse(readFileSync(OPENAPI_FILE_URL, 'utf8')) as Record<string, unknown>;

describe('flaws.json', () => {
  it('matches flaws.schema.json', () => {
    const schema = JSON.parse(readFileSync(new URL('../flaws.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    const valid = validate(JSON.parse(readFileSync(FLAWS_FILE_URL, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has at least two flaws in every OWASP API 2023 category and every injection kind', () => {
    for (const category of [
      'API1',
      'API2',
      'API3',
      'API4',
      'API5',
      'API6',
      'API7',
      'API8',
      'API9',
      'API10',
    ]) {
      expect(FLAWS.filter((flaw) => flaw.owasp === category).length, category).toBeGreaterThanOrEqual(2);
    }
    const kinds = new Set(FLAWS.filter((flaw) => flaw.owasp === 'injection').map((flaw) => flaw.subtype));
    expect([...kinds].sort()).toEqual(['command', 'nosql', 'path-traversal', 'sql', 'template']);
    expect(FLAWS.filter((flaw) => flaw.subtype === 'sql').length).toBeGreaterThanOrEqual(2);
  });

  it('tells the truth about openapi.yaml (documented flags, static evidence pointers)', () => {
    expect(listFlawCatalogProblems(FLAWS, document)).toEqual([]);
  });
});

describe('resolveEnabledFlaws', () => {
  it('turns every flaw on by default, none in secure mode', () => {
    expect(resolveEnabledFlaws().size).toBe(FLAWS.length);
    expect(resolveEnabledFlaws({ secure: true, enabled: ['api1-account-bola'] }).size).toBe(0);
  });

  it('rejects an unknown id, naming it', () => {
    expect(() => resolveEnabledFlaws({ disabled: ['api1-acount-bola'] })).toThrow(
      /"api1-acount-bola" is unknown/,
    );
  });
});
