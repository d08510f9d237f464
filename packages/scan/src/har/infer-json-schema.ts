import type { JsonSchema } from '@rampart/openapi';

/** Limits that keep a schema learned from adversarial traffic small. */
const MAX_DEPTH = 8;
const MAX_PROPERTIES = 200;

/** Field names whose observed values must never be copied into a learned description. */
export const SENSITIVE_NAME =
  /pass|secret|token|api[-_]?key|otp|pin$|cvv|cvc|ssn|auth|cookie|session|signature/i;

/** String values that look like codes (currencies, countries, states): safe and useful as examples. */
const CODE = /^[A-Z0-9][A-Z0-9_-]{1,11}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^https?:\/\/\S+$/i;

function formatOf(value: string): string | undefined {
  if (UUID.test(value)) return 'uuid';
  if (DATE_TIME.test(value)) return 'date-time';
  if (DATE.test(value)) return 'date';
  if (EMAIL.test(value)) return 'email';
  if (URI.test(value)) return 'uri';
  return undefined;
}

/**
 * The JSON schema of one observed value: types, string formats (uuid, date-time, date, email, uri), object
 * properties (all required: they were all present), array items. Scalars get an `example` when it is safe and
 * useful: numbers, booleans, code-like strings and id fields, never a value under a sensitive name
 * (`password`, `token`, ...), and never free text, so the scanner still writes its own marker there.
 */
export function inferJsonSchema(value: unknown, name = '', depth = 0): JsonSchema {
  if (value === null) return { type: 'null' };
  const safe = !SENSITIVE_NAME.test(name);
  switch (typeof value) {
    case 'boolean':
      return safe ? { type: 'boolean', example: value } : { type: 'boolean' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number', ...(safe ? { example: value } : {}) };
    case 'string': {
      const format = formatOf(value);
      const idLike = /id$/i.test(name) || format === 'uuid';
      const example = safe && (CODE.test(value) || idLike) && value.length <= 64;
      return { type: 'string', ...(format ? { format } : {}), ...(example ? { example: value } : {}) };
    }
    case 'object': {
      if (depth >= MAX_DEPTH) return {};
      if (Array.isArray(value)) {
        let items: JsonSchema | undefined;
        for (const item of value.slice(0, 50)) {
          const schema = inferJsonSchema(item, name, depth + 1);
          items = items === undefined ? schema : mergeJsonSchemas(items, schema);
        }
        return { type: 'array', ...(items ? { items } : {}) };
      }
      const properties: Record<string, JsonSchema> = {};
      for (const [key, child] of Object.entries(value as Record<string, unknown>).slice(0, MAX_PROPERTIES)) {
        properties[key] = inferJsonSchema(child, key, depth + 1);
      }
      return { type: 'object', properties, required: Object.keys(properties) };
    }
    default:
      return {};
  }
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? (type as string[]) : [];
}

/**
 * Two observations of the same place, merged: object properties united (required only where both had it),
 * array items merged, `integer` widened to `number`, different types listed together (`["string", "null"]`),
 * formats and examples kept only where they agree or one side has none.
 */
export function mergeJsonSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta.length === 0 || tb.length === 0) return ta.length === 0 ? b : a;
  let types = [...new Set([...ta, ...tb])];
  if (types.includes('number')) types = types.filter((t) => t !== 'integer');
  const merged: Record<string, unknown> = { type: types.length === 1 ? types[0] : types };
  if (types.includes('object')) {
    const pa = (a['properties'] ?? {}) as Record<string, JsonSchema>;
    const pb = (b['properties'] ?? {}) as Record<string, JsonSchema>;
    const properties: Record<string, JsonSchema> = {};
    for (const key of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      const left = pa[key];
      const right = pb[key];
      properties[key] = left && right ? mergeJsonSchemas(left, right) : ((left ?? right) as JsonSchema);
    }
    const ra = ta.includes('object') ? ((a['required'] ?? []) as string[]) : [];
    const rb = tb.includes('object') ? ((b['required'] ?? []) as string[]) : [];
    // A property is required only when every observed object had it.
    const required =
      ta.includes('object') && tb.includes('object') ? ra.filter((k) => rb.includes(k)) : [...ra, ...rb];
    merged['properties'] = properties;
    if (required.length > 0) merged['required'] = required;
  }
  if (types.includes('array')) {
    const ia = a['items'] as JsonSchema | undefined;
    const ib = b['items'] as JsonSchema | undefined;
    const items = ia && ib ? mergeJsonSchemas(ia, ib) : (ia ?? ib);
    if (items) merged['items'] = items;
  }
  // A format holds only when every non-null observation had it.
  const fa = ta.includes('null') && ta.length === 1 ? b['format'] : a['format'];
  const fb = tb.includes('null') && tb.length === 1 ? a['format'] : b['format'];
  if (fa !== undefined && fa === fb) merged['format'] = fa;
  const example = a['example'] ?? b['example'];
  if (example !== undefined && types.length === 1) merged['example'] = example;
  return merged as JsonSchema;
}
