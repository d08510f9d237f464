import type { ApiModel, JsonSchema, Operation } from '@rampart/openapi';
import { indexSchemaUses, type SchemaNodeUse } from './index-schema-uses.js';

/** One schema node clients send: a request body node or a parameter schema. */
export interface InputSchema {
  readonly schema: JsonSchema;
  readonly use: SchemaNodeUse;
  readonly operations: readonly Operation[];
  /** `request field "address.city"`, `request body`, `query parameter "q"`: names the input, never the operation. */
  readonly label: string;
}

const cache = new WeakMap<ApiModel, readonly InputSchema[]>();

/**
 * Every schema node reachable from request bodies and parameters, once each, with a label for messages.
 * Computed once per model (several rules iterate it).
 */
export function eachInputSchema(model: ApiModel): readonly InputSchema[] {
  let inputs = cache.get(model);
  if (inputs === undefined) {
    inputs = collectInputSchemas(model);
    cache.set(model, inputs);
  }
  return inputs;
}

function collectInputSchemas(model: ApiModel): InputSchema[] {
  const uses = indexSchemaUses(model);
  const out: InputSchema[] = [];
  for (const use of uses.parameters.values()) {
    const op = use.operations[0]!;
    const param = op.parameters.find((p) => p.schema === use.schema);
    const base = param ? `${param.in} parameter "${param.name}"` : 'parameter';
    const label =
      use.propertyPath.length === 0 || param === undefined
        ? base
        : `${base} field "${use.propertyPath.join('.')}"`;
    out.push(inputOf(use, label));
  }
  for (const use of uses.requestBody.values()) {
    if (uses.parameters.has(use.schema)) continue;
    const label =
      use.propertyPath.length === 0 ? 'request body' : `request field "${use.propertyPath.join('.')}"`;
    out.push(inputOf(use, label));
  }
  return out;
}

function inputOf(use: SchemaNodeUse, label: string): InputSchema {
  return {
    schema: use.schema,
    use,
    label,
    get operations() {
      return use.operations;
    },
  };
}

/** True when a schema's `type` is or includes `name`. */
export function hasType(schema: JsonSchema, name: string): boolean {
  const type = schema['type'];
  return type === name || (Array.isArray(type) && type.includes(name));
}
