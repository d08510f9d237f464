import { RampartError } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const BASE = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        properties: { parent: { $ref: '#/components/schemas/Pet' }, name: { type: 'string' } },
      },
    },
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
  },
};

/** Any JSON-ish value, including OpenAPI-looking keys and $refs, good and bad. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      3.5,
      '',
      'x',
      '#/components/schemas/Pet',
      '#/nope',
      './missing.yaml',
    ),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          '$ref',
          'paths',
          'get',
          'parameters',
          'in',
          'name',
          'schema',
          'responses',
          'content',
          'servers',
          'url',
          'security',
          'type',
          'openapi',
          'swagger',
          '__proto__',
          'x-a',
        ),
        fc.string(),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

/** A path into BASE (as a list of keys) and a replacement value. */
const mutation = fc.tuple(
  fc.array(
    fc.constantFrom(
      'paths',
      '/pets/{id}',
      'get',
      'parameters',
      '0',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
      '$ref',
      'components',
      'schemas',
      'Pet',
      'properties',
      'parent',
      'securitySchemes',
      'key',
      'type',
      'in',
      'info',
      'openapi',
    ),
    { maxLength: 8 },
  ),
  jsonValue,
);

function mutate(doc: unknown, [path, value]: [string[], unknown]): unknown {
  if (path.length === 0) return value;
  if (typeof doc !== 'object' || doc === null) return doc;
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

async function expectOnlyRampartErrors(text: string, file: string): Promise<void> {
  try {
    const api = await loadApiFromString(text, file, { maxDocuments: 4 });
    // Whatever loads must be usable: every operation locatable without throwing.
    for (const op of api.operations) api.locatePointer(op.pointer);
  } catch (error) {
    if (!(error instanceof RampartError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.hint?.length ?? 0).toBeGreaterThan(5);
  }
}

describe('loadApiFromString never throws anything but RampartError', () => {
  it('on mutated documents (JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const doc = mutations.reduce<unknown>((d, m) => mutate(d, m), BASE);
        await expectOnlyRampartErrors(JSON.stringify(doc) ?? 'null', 'mutated.json');
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated documents (YAML)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await expectOnlyRampartErrors(stringify(mutate(BASE, m)), 'mutated.yaml');
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary text and damaged documents', async () => {
    const base = JSON.stringify(BASE, null, 2);
    const damaged = fc
      .tuple(fc.nat(base.length), fc.nat(20), fc.string({ maxLength: 5 }))
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), damaged),
        fc.constantFrom('x.json', 'x.yaml', 'x'),
        async (text, file) => {
          await expectOnlyRampartErrors(text, file);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('points parse errors at a real line of the text', async () => {
    const base = JSON.stringify(BASE, null, 2);
    await fc.assert(
      fc.asyncProperty(fc.nat(base.length - 1), async (at) => {
        const text = base.slice(0, at) + '\u0000' + base.slice(at);
        const error = await loadApiFromString(text, 'x.json').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RampartError);
        const line = (error as RampartError).location?.line ?? 0;
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 100 },
    );
  });
});
