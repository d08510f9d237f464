import type { ApiModel, JsonSchema, Operation } from '@rampart/openapi';
import { findResponseSchema } from './find-response-schema.js';

const CODE = /^[A-Z][A-Z0-9_]{1,9}$/;
const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

/** How the malicious upstream fills values. */
export interface UpstreamBodyOptions {
  /** Value for every number (benign: the schema's sample; hostile: an absurd magnitude). */
  readonly number?: number;
  /** Value for every free string (default: the first enum value, else `rampart`). */
  readonly string?: string;
}

/** Code-like words of the API's vocabulary (enum values such as EUR, USD): keys for maps of unknown keys. */
export function collectVocabulary(model: ApiModel, extra: Iterable<string | number> = []): string[] {
  const words = new Set<string>();
  const seen = new Set<JsonSchema>();
  const visit = (node: JsonSchema | undefined, depth: number) => {
    if (node === undefined || seen.has(node) || depth > 12 || words.size >= 40) return;
    seen.add(node);
    if (Array.isArray(node['enum']))
      for (const v of node['enum']) if (typeof v === 'string' && CODE.test(v)) words.add(v);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) visit(asSchema(item), depth + 1);
      else visit(asSchema(value), depth + 1);
    }
  };
  for (const { schema } of model.schemas) visit(schema, 0);
  for (const value of extra) if (typeof value === 'string' && CODE.test(value)) words.add(value);
  return [...words].slice(0, 40);
}

function sample(
  schema: JsonSchema | undefined,
  vocabulary: readonly string[],
  options: UpstreamBodyOptions,
  depth: number,
): unknown {
  if (schema === undefined || depth > 6) return null;
  for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = schema[keyword];
    if (Array.isArray(list)) {
      const parts = list
        .map(asSchema)
        .filter((s): s is JsonSchema => s !== undefined && s['type'] !== 'null');
      if (keyword === 'allOf')
        return Object.assign({}, ...parts.map((p) => sample(p, vocabulary, options, depth + 1)));
      if (parts[0]) return sample(parts[0], vocabulary, options, depth + 1);
    }
  }
  const type = Array.isArray(schema['type']) ? schema['type'].find((t) => t !== 'null') : schema['type'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if (
    type === 'object' ||
    schema['properties'] !== undefined ||
    schema['additionalProperties'] !== undefined
  ) {
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(asSchema(schema['properties']) ?? {})) {
      out[name] = sample(asSchema(sub), vocabulary, options, depth + 1);
    }
    const additional = asSchema(schema['additionalProperties']);
    if (additional !== undefined)
      for (const word of vocabulary) out[word] = sample(additional, vocabulary, options, depth + 1);
    return out;
  }
  if (type === 'array') return [sample(asSchema(schema['items']), vocabulary, options, depth + 1)];
  if (type === 'number' || type === 'integer') {
    if (options.number !== undefined) return options.number;
    const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
    return min ?? 1;
  }
  if (type === 'boolean') return true;
  if (type === 'string') return options.string ?? 'rampart';
  return null;
}

/**
 * A JSON answer for the malicious upstream in the API's own vocabulary: the merged samples of the response
 * schemas of the operations that consume the upstream (an upstream's data usually mirrors what the API
 * returns), with maps of unknown keys filled with the API's code-like enum values (EUR, USD, …) and numbers
 * and strings set as asked.
 */
export function buildUpstreamBody(
  consumers: readonly Operation[],
  vocabulary: readonly string[],
  options: UpstreamBodyOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const operation of consumers) {
    const value = sample(findResponseSchema(operation), vocabulary, options, 0);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, sub] of Object.entries(value)) if (!(key in out)) out[key] = sub;
    }
  }
  return out;
}
