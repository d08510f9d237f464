import type { JsonSchema } from './model.js';

/** Where the walker is: the chain of property names from the root (`[]` marks an array item). */
export interface SchemaWalkContext {
  /** Property path from the root schema, e.g. `['user', 'roles', '[]']`. */
  readonly propertyPath: readonly string[];
  /** Keyword path from the root schema, e.g. `['properties', 'user', 'items']`. */
  readonly keywordPath: readonly string[];
  /** The schema that contains this one, undefined at the root. */
  readonly parent: JsonSchema | undefined;
  readonly depth: number;
}

/** Return `'skip'` to not descend into a schema's children. */
export type SchemaVisitor = (schema: JsonSchema, context: SchemaWalkContext) => void | 'skip';

const SINGLE_KEYWORDS = [
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
const LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const MAP_KEYWORDS = ['patternProperties', 'dependentSchemas'] as const;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Visits `root` and every subschema once (depth-first, by object identity), so recursive schemas whose `$ref`s
 * the loader turned into cycles terminate. `maxDepth` bounds pathological nesting.
 */
export function walkSchema(root: JsonSchema, visit: SchemaVisitor, maxDepth = 256): void {
  const seen = new Set<object>();
  const stack: Array<{ schema: JsonSchema; context: SchemaWalkContext }> = [
    { schema: root, context: { propertyPath: [], keywordPath: [], parent: undefined, depth: 0 } },
  ];
  while (stack.length > 0) {
    const { schema, context } = stack.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    if (visit(schema, context) === 'skip' || context.depth >= maxDepth) continue;

    const children: Array<{ schema: JsonSchema; context: SchemaWalkContext }> = [];
    const child = (sub: unknown, keywords: string[], property?: string) => {
      if (!isSchema(sub)) return;
      children.push({
        schema: sub,
        context: {
          propertyPath: property === undefined ? context.propertyPath : [...context.propertyPath, property],
          keywordPath: [...context.keywordPath, ...keywords],
          parent: schema,
          depth: context.depth + 1,
        },
      });
    };

    const properties = schema['properties'];
    if (isSchema(properties)) {
      for (const [name, sub] of Object.entries(properties)) child(sub, ['properties', name], name);
    }
    const items = schema['items'];
    if (Array.isArray(items)) for (const [i, sub] of items.entries()) child(sub, ['items', String(i)], '[]');
    else child(items, ['items'], '[]');
    for (const keyword of SINGLE_KEYWORDS) {
      child(schema[keyword], [keyword], keyword === 'additionalProperties' ? '*' : undefined);
    }
    for (const keyword of LIST_KEYWORDS) {
      const list = schema[keyword];
      if (Array.isArray(list)) {
        for (const [i, sub] of list.entries()) {
          child(sub, [keyword, String(i)], keyword === 'prefixItems' ? '[]' : undefined);
        }
      }
    }
    for (const keyword of MAP_KEYWORDS) {
      const map = schema[keyword];
      if (isSchema(map)) for (const [name, sub] of Object.entries(map)) child(sub, [keyword, name], '*');
    }
    // Depth-first in document order: push children reversed.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
