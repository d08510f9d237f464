import type { JsonSchema, Operation } from '@rampart/openapi';
import { choosePooledValues } from './choose-pooled-values.js';
import { normalizeFieldName } from './name-resource.js';
import { pathWords } from './path-words.js';
import { sampleSchema } from './sample-schema.js';
import type { ValuePool } from './value-pool.js';

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * True for a property that references another object by id: `practitioner_id`, `ownerId`, `account-uuid`,
 * `customerID`, or any `format: uuid` string. The bare `id` is not one (it names the new object itself).
 */
export function isIdLikeField(name: string, schema?: JsonSchema): boolean {
  if (name.toLowerCase() === 'id') return false;
  if (/[_-](id|uuid)$/i.test(name) || /[a-z0-9](Id|ID|Uuid|UUID)$/.test(name)) return true;
  return schema?.['format'] === 'uuid';
}

/** The top-level properties of an object schema (after a one-level `allOf`). */
export function listBodyProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const parts = [schema, ...(Array.isArray(schema['allOf']) ? (schema['allOf'] as JsonSchema[]) : [])];
  for (const part of parts) {
    for (const [name, sub] of Object.entries(asObject(part?.['properties']) ?? {})) {
      const property = asObject(sub);
      if (property !== undefined) out[name] = property as JsonSchema;
    }
  }
  return out;
}

/**
 * Ids of the resource an id-like name mentions (`project_ref_id`, `parentProjectUuid` → ids of `project`
 * objects; the longest resource name wins), the identity's own first.
 */
function idsOfNamedResource(values: ValuePool, identity: string, name: string): Array<string | number> {
  const normalized = normalizeFieldName(name);
  const ids = values
    .all()
    .filter((v) => v.key === 'id' && v.resource !== undefined && v.resource.length >= 3);
  const resource = ids
    .map((v) => v.resource!)
    .filter((r) => normalized.includes(r))
    .sort((a, b) => b.length - a.length)[0];
  if (resource === undefined) return [];
  const own = ids.filter((v) => v.resource === resource && v.identity === identity);
  const others = ids.filter((v) => v.resource === resource && v.identity !== identity);
  return [...own, ...others].map((v) => v.value);
}

/**
 * Pooled values for one body property that fit its schema, the identity's own first: by name
 * ({@link choosePooledValues}), and for id-like names with nothing under their name, the ids of the resource
 * the name mentions.
 */
export function poolCandidates(
  operation: Operation,
  values: ValuePool,
  identity: string,
  name: string,
  schema: JsonSchema,
): Array<string | number> {
  let found = choosePooledValues(values, name, { identity, pathWords: pathWords(operation.path), schema });
  if (found.length === 0 && isIdLikeField(name, schema)) {
    const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
    found = idsOfNamedResource(values, identity, name).filter(
      (value, index, all) =>
        String(value).length <= maxLength && all.findIndex((v) => String(v) === String(value)) === index,
    );
  }
  return found.map((value) =>
    (schema['type'] === 'integer' || schema['type'] === 'number') && typeof value === 'string'
      ? Number(value)
      : value,
  );
}

/**
 * The body that creates an object as `identity`: a schema sample (every writable property, free text carrying
 * `marker`) whose id-like properties (`practitioner_id`: see {@link isIdLikeField}) hold values the scan has
 * seen for that name, the identity's own first, instead of made-up ids the API would reject. Properties with
 * nothing pooled keep their sample.
 */
export function buildCreationBody(
  operation: Operation,
  schema: JsonSchema,
  values: ValuePool,
  identity: string,
  marker: string,
): unknown {
  const sample = sampleSchema(schema, { marker, allProperties: true });
  const body = asObject(sample);
  if (body === undefined) return sample;
  for (const [name, property] of Object.entries(listBodyProperties(schema))) {
    if (!(name in body) || !isIdLikeField(name, property)) continue;
    const pooled = poolCandidates(operation, values, identity, name, property)[0];
    if (pooled !== undefined) body[name] = pooled;
  }
  return body;
}
