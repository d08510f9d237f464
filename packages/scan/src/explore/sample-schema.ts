import type { JsonSchema } from '@rampart/openapi';

/** Options of {@link sampleSchema}. */
export interface SampleOptions {
  /** Put into free-text strings so the object can be recognised later (ownership marker). */
  readonly marker?: string;
  /** Include optional properties too (default false: required ones only, plus all when none is required). */
  readonly allProperties?: boolean;
}

const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

function firstType(schema: JsonSchema): string | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  if (schema['properties'] !== undefined) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return undefined;
}

/**
 * A plausible, valid-looking value for a JSON schema: `const`, `example(s)`, `default`, the first `enum`, then
 * a value by type and format within the bounds (`minimum`, `maxLength`, …). Free strings carry `marker`.
 * Deterministic, depth-bounded and cycle-safe.
 */
export function sampleSchema(schema: JsonSchema, options: SampleOptions = {}, depth = 0, name = ''): unknown {
  if (depth > 8) return null;
  if ('const' in schema) return schema['const'];
  if (schema['example'] !== undefined) return schema['example'];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if (schema['default'] !== undefined) return schema['default'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (Array.isArray(list)) {
      const choice = list.map(asSchema).find((s) => s !== undefined && s['type'] !== 'null');
      if (choice) return sampleSchema(choice, options, depth + 1, name);
    }
  }
  if (Array.isArray(schema['allOf'])) {
    const merged: Record<string, unknown> = {};
    for (const part of schema['allOf'].map(asSchema)) {
      const value = part ? sampleSchema(part, options, depth + 1, name) : undefined;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(merged, value);
    }
    return merged;
  }
  switch (firstType(schema)) {
    case 'object': {
      const properties = asSchema(schema['properties']) ?? {};
      const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(properties)) {
        const subSchema = asSchema(sub);
        if (!subSchema || subSchema['readOnly'] === true) continue;
        if (options.allProperties || required.has(key) || required.size === 0) {
          out[key] = sampleSchema(subSchema, options, depth + 1, key);
        }
      }
      return out;
    }
    case 'array': {
      const items = asSchema(schema['items']);
      const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
      return items
        ? Array.from({ length: Math.max(1, Math.min(min, 3)) }, () =>
            sampleSchema(items, options, depth + 1, name),
          )
        : [];
    }
    case 'integer':
    case 'number': {
      const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
      const exclusive =
        typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] + 1 : undefined;
      const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
      let value = min ?? exclusive ?? 1;
      if (max !== undefined && value > max) value = max;
      return value;
    }
    case 'boolean':
      return false;
    case 'string':
      return sampleString(schema, options.marker ?? 'rampart', name);
    default:
      return 'rampart';
  }
}

function sampleString(schema: JsonSchema, marker: string, name: string): string {
  const format = typeof schema['format'] === 'string' ? schema['format'] : '';
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 64;
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const byFormat: Record<string, string> = {
    email: `${marker}@rampart-scan.invalid`,
    uri: `https://rampart-scan.invalid/${marker}`,
    url: `https://rampart-scan.invalid/${marker}`,
    'date-time': '2024-01-01T00:00:00Z',
    date: '2024-01-01',
    uuid: '00000000-0000-4000-8000-000000000000',
    ipv4: '192.0.2.1',
    hostname: 'rampart-scan.invalid',
    password: `Rampart-${marker}-1!`,
  };
  if (byFormat[format] !== undefined) return byFormat[format]!;
  if (/e-?mail/i.test(name)) return byFormat['email']!;
  if (/url|uri|link|callback/i.test(name)) return byFormat['uri']!;
  let value = marker;
  if (value.length > max) value = value.slice(0, max);
  while (value.length < min) value += 'x';
  return value;
}
