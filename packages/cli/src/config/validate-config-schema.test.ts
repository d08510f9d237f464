import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, CONFIG_SCHEMA_KEYWORDS } from './config-schema.js';
import { validateConfigSchema } from './validate-config-schema.js';

const Ajv2020 = Ajv2020Module.default;

/** The reference: the whole schema compiled at once, checked against the meta-schema, as before sections. */
function validateWhole(data: unknown) {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    verbose: true,
    strict: true,
    strictRequired: false,
  });
  for (const keyword of CONFIG_SCHEMA_KEYWORDS)
    ajv.addKeyword({ keyword, schemaType: ['boolean', 'string'] });
  const validate = ajv.compile(CONFIG_SCHEMA);
  return validate(data) ? [] : (validate.errors ?? []);
}

const strip = (errors: readonly object[]) =>
  errors.map((e) => {
    const { schema: _s, parentSchema: _p, ...rest } = e as Record<string, unknown>;
    return rest;
  });

describe('validateConfigSchema', () => {
  it('is a valid draft 2020-12 schema (not re-checked at run time)', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false });
    for (const keyword of CONFIG_SCHEMA_KEYWORDS)
      ajv.addKeyword({ keyword, schemaType: ['boolean', 'string'] });
    expect(ajv.validateSchema(CONFIG_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('fills absent sections with the same defaults as Ajv on the whole schema', () => {
    const fast: Record<string, unknown> = {};
    const reference: Record<string, unknown> = {};
    expect(validateConfigSchema(fast)).toEqual([]);
    expect(validateWhole(reference)).toEqual([]);
    expect(fast).toEqual(reference);
    expect(Object.keys(fast)).toEqual(Object.keys(reference));
    // Copies, not the schema's own default objects.
    expect(fast.audit).not.toBe((CONFIG_SCHEMA.properties.audit as { default: unknown }).default);
  });

  it('gives the same errors, in the same order, and the same defaults when sections are set', () => {
    const data = () => ({
      audit: { failOn: 'severe', minScore: 120 },
      store: { driver: 'postgres' },
      console: { listen: { port: -1 } },
    });
    const fast = data();
    const reference = data();
    const errors = validateConfigSchema(fast);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(strip(errors)).toEqual(strip(validateWhole(reference)));
    expect(fast).toEqual(reference);
  });

  it('reports an unknown section like the whole schema', () => {
    const fast = { audti: {} };
    const errors = validateConfigSchema(fast);
    expect(errors.map((e) => e.keyword)).toContain('additionalProperties');
    expect(strip(errors)).toEqual(strip(validateWhole({ audti: {} })));
  });
});
