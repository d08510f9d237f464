import type { SchemaNode } from './config-settings.js';

/**
 * Fills in `value` the defaults `schema` declares, the way Ajv's `useDefaults` does when it validates: every
 * property of `properties` that is `undefined` gets a copy of its `default`, then each object property is filled
 * from its own subschema. Used for configuration sections that are not set at all, so their validator need not
 * be compiled; `validate-config-schema.test.ts` checks that the result equals Ajv's for the whole schema.
 * Returns `value`.
 */
export function fillSchemaDefaults<T>(schema: SchemaNode, value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const properties = schema.properties as Readonly<Record<string, SchemaNode>> | undefined;
  if (properties === undefined) return value;
  const record = value as Record<string, unknown>;
  for (const [name, child] of Object.entries(properties)) {
    if (record[name] === undefined && child.default !== undefined)
      record[name] = structuredClone(child.default);
    if (record[name] !== undefined) fillSchemaDefaults(child, record[name]);
  }
  return value;
}
