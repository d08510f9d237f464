import type { JsonSchema } from '@rampart/openapi';

/** A property path as a linked list from the leaf up; `undefined` is the empty path (the root). */
export interface PropertyPathLink {
  readonly name: string;
  readonly parent: PropertyPathLink | undefined;
}

/**
 * Called for each schema node with the last entry of its property path (`walkSchema`'s `propertyPath.at(-1)`:
 * a property name, `[]` for array items, `*` for additional or pattern properties, undefined at the root), its
 * depth, and the whole path as a link (see `propertyPathOf`). Return `'skip'` to not descend, `'stop'` to end
 * the walk.
 */
export type PropertyNameVisitor = (
  schema: JsonSchema,
  name: string | undefined,
  depth: number,
  path: PropertyPathLink | undefined,
) => undefined | 'skip' | 'stop';

/** The property path a link stands for, root first (what `walkSchema` passes as `propertyPath`). */
export function propertyPathOf(link: PropertyPathLink | undefined): string[] {
  const out: string[] = [];
  for (let l = link; l !== undefined; l = l.parent) out.push(l.name);
  return out.reverse();
}

const SINGLE = [
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'unevaluatedItems',
  'additionalItems',
] as const;
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const MAPS = ['patternProperties', 'dependentSchemas'] as const;
const CHILD_KEYWORDS: ReadonlySet<string> = new Set(['properties', 'items', ...SINGLE, ...LISTS, ...MAPS]);

/** True when the schema has a keyword that can hold subschemas: most nodes are leaves with a few keywords. */
function mayHaveChildren(schema: JsonSchema): boolean {
  for (const key in schema) if (CHILD_KEYWORDS.has(key)) return true;
  return false;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `walkSchema` from `@rampart/openapi` for visitors that only need the last property name: the same nodes in
 * the same order (depth-first, document order, each node once by identity, `maxDepth` 256), without building a
 * property and keyword path per node. Rules that walk large shared schemas use it; on documents such as
 * Microsoft Graph those paths were most of the audit's allocations.
 */
export function walkPropertyNames(root: JsonSchema, visit: PropertyNameVisitor, maxDepth = 256): void {
  const seen = new Set<object>();
  // Three parallel stacks instead of one object per pending node.
  const schemas: JsonSchema[] = [root];
  const links: Array<PropertyPathLink | undefined> = [undefined];
  const depths: number[] = [0];
  const childSchemas: JsonSchema[] = [];
  const childLinks: Array<PropertyPathLink | undefined> = [];
  let link: PropertyPathLink | undefined;
  // A child one property-path step down (property, item, map value) gets a new link; others share the parent's.
  const child = (sub: unknown, step: string | undefined) => {
    if (!isSchema(sub)) return;
    childSchemas.push(sub);
    childLinks.push(step === undefined ? link : { name: step, parent: link });
  };
  while (schemas.length > 0) {
    const schema = schemas.pop()!;
    link = links.pop();
    const depth = depths.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    const next = visit(schema, link?.name, depth, link);
    if (next === 'stop') return;
    // One pass over a leaf's few keys is cheaper than probing all 18 keywords.
    if (next === 'skip' || depth >= maxDepth || !mayHaveChildren(schema)) continue;

    childSchemas.length = 0;
    childLinks.length = 0;
    const properties = schema['properties'];
    if (isSchema(properties)) {
      for (const key in properties) if (Object.hasOwn(properties, key)) child(properties[key], key);
    }
    const items = schema['items'];
    if (Array.isArray(items)) for (const sub of items) child(sub, '[]');
    else child(items, '[]');
    for (const keyword of SINGLE)
      child(schema[keyword], keyword === 'additionalProperties' ? '*' : undefined);
    for (const keyword of LISTS) {
      const list = schema[keyword];
      if (Array.isArray(list))
        for (const sub of list) child(sub, keyword === 'prefixItems' ? '[]' : undefined);
    }
    for (const keyword of MAPS) {
      const map = schema[keyword];
      if (isSchema(map)) for (const key in map) if (Object.hasOwn(map, key)) child(map[key], '*');
    }
    // Depth-first in document order: push children reversed.
    for (let i = childSchemas.length - 1; i >= 0; i--) {
      schemas.push(childSchemas[i]!);
      links.push(childLinks[i]);
      depths.push(depth + 1);
    }
  }
}
