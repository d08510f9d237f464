import type { JsonSchema } from '@rampart/openapi';

/**
 * What property-level authorization needs to know about one schema, with composition (`allOf`/`oneOf`/`anyOf`)
 * flattened: the declared properties, which of them are `readOnly`/`writeOnly` or restricted to roles
 * (`x-rampart-roles`), what undeclared properties are (kept when the schema allows or does not say, else
 * `strip`), and the items of arrays. Recursive schemas give cyclic nodes.
 */
export interface SchemaNode {
  /** Declared properties; undefined when the schema declares none (shape unknown: keep everything). */
  readonly properties: Map<string, SchemaNode> | undefined;
  readonly readOnly: Set<string>;
  readonly writeOnly: Set<string>;
  /** Properties only callers holding one of the roles may see (`x-rampart-roles` on the property schema). */
  readonly roles: Map<string, ReadonlySet<string>>;
  /** Undeclared properties: a schema for them, `keep` them, or `strip` them. */
  additional: SchemaNode | 'keep' | 'strip';
  items: SchemaNode | undefined;
}

const MAX_FLATTEN = 64;

/** Builds the `SchemaNode` of a `$ref`-resolved schema; `memo` makes shared and recursive schemas one node. */
export function buildSchemaNode(schema: unknown, memo: Map<object, SchemaNode> = new Map()): SchemaNode {
  if (typeof schema !== 'object' || schema === null) return unknownNode();
  const existing = memo.get(schema);
  if (existing) return existing;
  const parts = flatten(schema as JsonSchema);
  const declared = parts.some((p) => isObject(p['properties']));
  const node: SchemaNode = {
    properties: declared ? new Map() : undefined,
    readOnly: new Set(),
    writeOnly: new Set(),
    roles: new Map(),
    additional: 'keep',
    items: undefined,
  };
  memo.set(schema, node);
  let additional: SchemaNode | 'keep' | 'strip' = declared ? 'strip' : 'keep';
  for (const part of parts) {
    const properties = part['properties'];
    if (isObject(properties))
      for (const [name, sub] of Object.entries(properties)) {
        if (!isObject(sub)) continue;
        if (!node.properties?.has(name)) node.properties?.set(name, buildSchemaNode(sub, memo));
        if (sub['readOnly'] === true) node.readOnly.add(name);
        if (sub['writeOnly'] === true) node.writeOnly.add(name);
        const roles = sub['x-rampart-roles'];
        if (Array.isArray(roles)) node.roles.set(name, new Set(roles.filter((r) => typeof r === 'string')));
      }
    const extra = part['additionalProperties'];
    if (extra === true || isObject(part['patternProperties'])) additional = 'keep';
    else if (isObject(extra) && additional !== 'keep') additional = buildSchemaNode(extra, memo);
    if (node.items === undefined && isObject(part['items']))
      node.items = buildSchemaNode(part['items'], memo);
  }
  node.additional = additional;
  return node;
}

function flatten(schema: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  const stack: JsonSchema[] = [schema];
  const seen = new Set<object>();
  while (stack.length > 0 && out.length < MAX_FLATTEN) {
    const s = stack.pop() as JsonSchema;
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'])
      if (Array.isArray(s[keyword]))
        for (const sub of s[keyword] as unknown[]) if (isObject(sub)) stack.push(sub);
  }
  return out;
}

function unknownNode(): SchemaNode {
  return {
    properties: undefined,
    readOnly: new Set(),
    writeOnly: new Set(),
    roles: new Map(),
    additional: 'keep',
    items: undefined,
  };
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
