import type { JsonSchema } from '@rampart/openapi';

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The properties an object schema declares at its top level, merging `allOf` members (and, for a response, one
 * array level and the common `data`/`items`/`results` wrappers when `unwrap`). First declaration wins.
 */
export function topLevelProperties(schema: JsonSchema, unwrap = false): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const seen = new Set<object>();
  const visit = (s: JsonSchema, depth: number) => {
    if (seen.has(s) || depth > 8) return;
    seen.add(s);
    const props = s['properties'];
    if (isSchema(props)) {
      for (const [name, sub] of Object.entries(props))
        if (isSchema(sub) && !out.has(name)) out.set(name, sub);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[keyword];
      if (Array.isArray(list)) for (const sub of list) if (isSchema(sub)) visit(sub, depth + 1);
    }
  };
  if (unwrap && isSchema(schema['items'])) visit(schema['items'], 0);
  visit(schema, 0);
  if (unwrap) {
    for (const wrapper of ['data', 'items', 'results', 'result', 'item']) {
      const inner = out.get(wrapper);
      if (inner === undefined) continue;
      if (isSchema(inner['items'])) visit(inner['items'], 1);
      else visit(inner, 1);
    }
  }
  return out;
}
