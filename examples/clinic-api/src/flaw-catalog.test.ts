import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FLAWS, FLAWS_FILE_URL, OPENAPI_FILE_URL } from './flaw-catalog.js';
import { resolveEnabledFlaws } from './resolve-enabled-flaws.js';

const document = parse(readFileSync(OPENAPI_FILE_URL, 'utf8')) as Record<string, unknown>;

function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

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

  it('says truthfully whether each method and path is in openapi.yaml', () => {
    const paths = document['paths'] as Record<string, Record<string, unknown>>;
    for (const flaw of FLAWS) {
      const inDocument = paths[flaw.path]?.[flaw.method.toLowerCase()] !== undefined;
      expect(inDocument, `${flaw.id}: ${flaw.method} ${flaw.path}`).toBe(flaw.documented);
    }
  });

  it('points static evidence at nodes that exist in openapi.yaml', () => {
    for (const flaw of FLAWS) {
      if (!flaw.static) {
        expect(flaw.staticEvidence, flaw.id).toBeNull();
        continue;
      }
      const pointer = flaw.staticEvidence!.split(' ')[0]!;
      expect(resolvePointer(document, pointer), `${flaw.id}: ${pointer}`).toBeDefined();
    }
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
