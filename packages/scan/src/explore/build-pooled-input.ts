import type { JsonSchema, Operation } from '@rampart/openapi';
import type { OperationRequestInput } from './build-operation-request.js';
import { findJsonBodySchema } from './build-operation-request.js';
import { choosePooledValues } from './choose-pooled-values.js';
import { resolvePathValues } from './explore-api.js';
import { pathWords } from './path-words.js';
import { sampleSchema } from './sample-schema.js';
import type { ValuePool } from './value-pool.js';

/** The inputs of one operation, filled from the value pool where it can and sampled from the schema elsewhere. */
export interface PooledInput {
  readonly path: Record<string, string | number>;
  readonly query: Record<string, string | number>;
  /** The JSON body object (undefined when the operation takes none). */
  readonly body: Record<string, unknown> | undefined;
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * A realistic input for `operation` as `identity`: path parameters from the identity's own values, required
 * query parameters and the JSON body's properties from the value pool ({@link choosePooledValues}), the rest
 * sampled from the schema (required properties only). Undefined when a path parameter has no value.
 */
export function buildPooledInput(
  operation: Operation,
  values: ValuePool,
  identity: string | undefined,
  marker?: string,
): PooledInput | undefined {
  const hasPath = operation.parameters.some((p) => p.in === 'path');
  const path = hasPath ? resolvePathValues(operation, values, identity, 1)[0] : {};
  if (path === undefined) return undefined;
  const words = pathWords(operation.path);
  const query: Record<string, string | number> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' || !parameter.required) continue;
    const pooled = choosePooledValues(values, parameter.name, {
      identity,
      pathWords: words,
      schema: parameter.schema,
    })[0];
    const value =
      pooled ??
      parameter.example ??
      sampleSchema(parameter.schema, marker ? { marker } : {}, 0, parameter.name);
    query[parameter.name] = typeof value === 'object' ? JSON.stringify(value) : (value as string | number);
  }
  const schema = findJsonBodySchema(operation);
  let body: Record<string, unknown> | undefined;
  if (schema !== undefined && operation.method !== 'get') {
    body = asObject(sampleSchema(schema, marker ? { marker } : {})) ?? {};
    const properties = (asObject(schema['properties']) ?? {}) as Record<string, JsonSchema>;
    const used = new Set<string>();
    for (const [name, propertySchema] of Object.entries(properties)) {
      if (!(name in body)) continue;
      // Quantities (amount, price) keep their smallest valid sample: a pooled 120 would move real money.
      const numeric = propertySchema['type'] === 'number' || propertySchema['type'] === 'integer';
      if (numeric && !/(id|number|no)$/i.test(name)) continue;
      const candidates = choosePooledValues(values, name, {
        identity,
        pathWords: words,
        schema: propertySchema,
      });
      // Two properties of one name family (fromAccountId, toAccountId) must not get the same value.
      const value = candidates.find(
        (candidate) => !used.has(`${name.replace(/^(from|to)/i, '')}:${candidate}`),
      );
      if (value === undefined) continue;
      used.add(`${name.replace(/^(from|to)/i, '')}:${value}`);
      const type = propertySchema['type'];
      body[name] =
        (type === 'integer' || type === 'number') && typeof value === 'string' ? Number(value) : value;
    }
  }
  return { path, query, body };
}

/** The {@link OperationRequestInput} for a pooled input. */
export function toRequestInput(input: PooledInput): OperationRequestInput {
  return {
    path: input.path,
    query: input.query,
    ...(input.body === undefined ? {} : { body: input.body }),
  };
}
