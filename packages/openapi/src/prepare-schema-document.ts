import type { SpecVersion } from './model.js';
import { resolveDocumentPointer } from './resolve-document-pointer.js';

export interface PrepareSchemaDocumentOptions {
  readonly specVersion: SpecVersion;
  /** `request`: `readOnly` properties are not required; `response`: `writeOnly` ones are not. */
  readonly direction: 'request' | 'response';
}

/** Keys whose values are data, not schemas: copied as they are. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default']);

/**
 * A copy of an OpenAPI document (`$ref`s intact) whose schemas a JSON Schema validator can compile as the
 * description means them. The input is not modified.
 *
 * - OpenAPI 3.0 (and converted 2.0): `nullable: true` becomes `type: [t, 'null']` (and adds `null` to an `enum`),
 *   or `anyOf: [<schema>, { type: 'null' }]` when there is no `type`; boolean `exclusiveMinimum`/`exclusiveMaximum`
 *   become the numeric form of later drafts.
 * - Any version: a `discriminator` over a `oneOf`/`anyOf` of `$ref`s becomes a required property with an `enum`
 *   of the mapped values plus one `if`/`then` per value, so the value selects the one schema to validate against
 *   (explicit `mapping` entries and the implicit component names both count). Other discriminators are dropped
 *   (the plain `oneOf`/`anyOf` still validates).
 * - `readOnly` properties are removed from `required` for requests, `writeOnly` ones for responses
 *   (OpenAPI 3.0 §4.7.25 / 3.1: such properties MAY be left out in that direction).
 */
export function prepareSchemaDocument(
  document: Readonly<Record<string, unknown>>,
  options: PrepareSchemaDocumentOptions,
): Record<string, unknown> {
  const legacy = options.specVersion !== '3.1';
  const omitFlag = options.direction === 'request' ? 'readOnly' : 'writeOnly';

  const isOmitted = (property: unknown): boolean => {
    let schema = property;
    for (let hops = 0; hops < 32; hops++) {
      if (typeof schema !== 'object' || schema === null) return false;
      const record = schema as Record<string, unknown>;
      if (record[omitFlag] === true) return true;
      const ref = record['$ref'];
      if (typeof ref !== 'string' || !ref.startsWith('#')) return false;
      schema = resolveDocumentPointer(document, decodeURIComponent(ref.slice(1)))?.value;
    }
    return false;
  };

  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map(copy);
    let out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = DATA_KEYS.has(key) || key.startsWith('x-') ? child : copy(child);
    }
    dropOmittedRequired(out, isOmitted);
    if (legacy) {
      translateExclusiveBound(out, 'exclusiveMinimum', 'minimum');
      translateExclusiveBound(out, 'exclusiveMaximum', 'maximum');
    }
    translateDiscriminator(out);
    if (legacy && out['nullable'] === true) out = translateNullable(out);
    return out;
  };
  return copy(document) as Record<string, unknown>;
}

function dropOmittedRequired(
  schema: Record<string, unknown>,
  isOmitted: (property: unknown) => boolean,
): void {
  const required = schema['required'];
  const properties = schema['properties'];
  if (!Array.isArray(required) || typeof properties !== 'object' || properties === null) return;
  const props = properties as Record<string, unknown>;
  const kept = required.filter(
    (name) => typeof name !== 'string' || !Object.hasOwn(props, name) || !isOmitted(props[name]),
  );
  if (kept.length !== required.length) schema['required'] = kept;
}

function translateExclusiveBound(schema: Record<string, unknown>, keyword: string, bound: string): void {
  const flag = schema[keyword];
  if (typeof flag !== 'boolean') return;
  delete schema[keyword];
  if (flag && typeof schema[bound] === 'number') {
    schema[keyword] = schema[bound];
    delete schema[bound];
  }
}

function translateNullable(schema: Record<string, unknown>): Record<string, unknown> {
  const { nullable: _nullable, ...rest } = schema;
  const type = rest['type'];
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    rest['type'] = types.includes('null') ? types : [...types, 'null'];
    const values = rest['enum'];
    if (Array.isArray(values) && !values.includes(null)) rest['enum'] = [...values, null];
    return rest;
  }
  return { anyOf: [rest, { type: 'null' }] };
}

function translateDiscriminator(schema: Record<string, unknown>): void {
  const discriminator = schema['discriminator'];
  if (typeof discriminator !== 'object' || discriminator === null) return;
  delete schema['discriminator'];
  const { propertyName, mapping } = discriminator as { propertyName?: unknown; mapping?: unknown };
  const keyword = Array.isArray(schema['oneOf'])
    ? 'oneOf'
    : Array.isArray(schema['anyOf'])
      ? 'anyOf'
      : undefined;
  if (typeof propertyName !== 'string' || keyword === undefined) return;
  const branches = schema[keyword] as unknown[];
  const refs = branches.map((branch) =>
    typeof branch === 'object' && branch !== null ? (branch as Record<string, unknown>)['$ref'] : undefined,
  );
  if (!refs.every((ref): ref is string => typeof ref === 'string')) return;

  const byValue = new Map<string, string>();
  if (typeof mapping === 'object' && mapping !== null) {
    for (const [value, target] of Object.entries(mapping)) {
      if (typeof target !== 'string') continue;
      byValue.set(
        value,
        target.includes('/') || target.includes('#') ? target : `#/components/schemas/${target}`,
      );
    }
  }
  const mapped = new Set(byValue.values());
  for (const ref of refs) {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    if (!mapped.has(ref) && !byValue.has(name)) byValue.set(name, ref);
  }
  delete schema[keyword];
  const allOf = Array.isArray(schema['allOf']) ? [...(schema['allOf'] as unknown[])] : [];
  allOf.push({
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { enum: [...byValue.keys()] } },
  });
  for (const [value, ref] of byValue) {
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
    allOf.push({ if: { properties: { [propertyName]: { const: value } } }, then: { $ref: ref } });
  }
  schema['allOf'] = allOf;
}
