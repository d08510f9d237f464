import type { JsonSchema } from '@rampart/openapi';

const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

/** What a schema documents about the object it describes (top level, composition keywords merged). */
export interface SchemaProperties {
  /** Documented properties by name. */
  readonly properties: Map<string, JsonSchema>;
  /** True when the object may carry undocumented properties on purpose (`additionalProperties` is a schema or true). */
  readonly open: boolean;
}

/**
 * The properties a schema documents for its object, merging `allOf`, `oneOf` and `anyOf` branches (cycle-safe).
 * An array schema answers for its items.
 */
export function collectSchemaProperties(schema: JsonSchema | undefined): SchemaProperties {
  const properties = new Map<string, JsonSchema>();
  let open = false;
  const seen = new Set<JsonSchema>();
  const visit = (node: JsonSchema | undefined, depth: number) => {
    if (node === undefined || seen.has(node) || depth > 10) return;
    seen.add(node);
    if (node['type'] === 'array' || node['items'] !== undefined) visit(asSchema(node['items']), depth + 1);
    for (const [name, sub] of Object.entries(asSchema(node['properties']) ?? {})) {
      const subSchema = asSchema(sub);
      if (subSchema && !properties.has(name)) properties.set(name, subSchema);
    }
    const additional = node['additionalProperties'];
    if (additional === true || asSchema(additional) !== undefined) open = true;
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = node[keyword];
      if (Array.isArray(list)) for (const branch of list) visit(asSchema(branch), depth + 1);
    }
  };
  visit(schema, 0);
  return { properties, open };
}
