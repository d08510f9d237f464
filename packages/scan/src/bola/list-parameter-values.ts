import type { JsonSchema } from '@rampart/openapi';
import type { PooledValue } from '../explore/value-pool.js';
import type { OwnershipLedger } from '../ownership-ledger.js';
import type { IdParameter } from './describe-id-parameter.js';

/** Where an identity's candidate values come from. */
export interface ParameterValueSources {
  /** Every pooled value (responses, `Location` headers, token claims), of every identity. */
  readonly values: readonly PooledValue[];
  readonly ledger: OwnershipLedger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_FIELDS = new Set(['id', 'uuid', 'guid', 'key']);

/** True when `value` can be sent as a parameter of this schema (type, format uuid, pattern, enum, length). */
export function fitsParameterSchema(value: string | number, schema: JsonSchema): boolean {
  const text = String(value);
  const type = Array.isArray(schema['type']) ? schema['type'].find((t) => t !== 'null') : schema['type'];
  if ((type === 'integer' && !/^-?\d+$/.test(text)) || (type === 'number' && !Number.isFinite(Number(text))))
    return false;
  if (Array.isArray(schema['enum']) && !schema['enum'].some((option) => String(option) === text))
    return false;
  if (schema['format'] === 'uuid' && !UUID.test(text)) return false;
  if (typeof schema['maxLength'] === 'number' && text.length > schema['maxLength']) return false;
  if (typeof schema['minLength'] === 'number' && text.length < schema['minLength']) return false;
  if (typeof schema['pattern'] === 'string') {
    try {
      if (!new RegExp(schema['pattern'], 'u').test(text)) return false;
    } catch {
      // A pattern JavaScript cannot compile constrains nothing we can check.
    }
  }
  return true;
}

/**
 * The values `identity` holds for an id parameter, best first: ids of objects the scan created as it, ids of
 * objects in its own listings (both from the ownership ledger), values it saw under the parameter's keys
 * (`orderid`, token claims such as `userid`), then the parameter's field of the parameter's resource (`slug` of an
 * `article`). Only values that fit the parameter's schema; each once.
 */
export function listParameterValues(
  parameter: IdParameter,
  identity: string,
  sources: ParameterValueSources,
): Array<string | number> {
  const out: Array<string | number> = [];
  const push = (value: string | number) => {
    if (!out.some((v) => String(v) === String(value)) && fitsParameterSchema(value, parameter.schema))
      out.push(value);
  };
  if (ID_FIELDS.has(parameter.field)) {
    const owned = parameter.resources.flatMap((resource) => sources.ledger.ownedBy(identity, resource));
    for (const object of owned) if (object.created) push(object.id);
    for (const object of owned) if (!object.created) push(object.id);
  }
  const mine = sources.values.filter((v) => v.identity === identity);
  for (const key of parameter.keys) for (const entry of mine) if (entry.key === key) push(entry.value);
  for (const resource of parameter.resources) {
    for (const entry of mine)
      if (entry.resource === resource && entry.key === parameter.field) push(entry.value);
  }
  return out;
}
