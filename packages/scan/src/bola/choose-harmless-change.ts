import type { JsonSchema } from '@rampart/openapi';

/**
 * A field of a write schema that can be changed harmlessly and then observed, with its new value: a boolean
 * flipped, else a free string set to `marker`, else a number moved by one within its bounds, else another enum
 * value. Only writable fields (not `readOnly`) the object already has. Undefined when none qualifies.
 */
export function chooseHarmlessChange(
  schema: JsonSchema | undefined,
  current: Record<string, unknown>,
  marker: string,
): { field: string; value: unknown } | undefined {
  const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
  const entries = Object.entries(properties).filter(([name, s]) => s['readOnly'] !== true && name in current);
  for (const [field] of entries)
    if (typeof current[field] === 'boolean') return { field, value: !current[field] };
  for (const [field, s] of entries) {
    const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : 64;
    if (
      s['type'] === 'string' &&
      s['enum'] === undefined &&
      s['format'] === undefined &&
      s['pattern'] === undefined &&
      max >= marker.length
    ) {
      return { field, value: marker };
    }
  }
  for (const [field, s] of entries) {
    const value = current[field];
    if (typeof value !== 'number') continue;
    const max = typeof s['maximum'] === 'number' ? s['maximum'] : Number.POSITIVE_INFINITY;
    const min = typeof s['minimum'] === 'number' ? s['minimum'] : Number.NEGATIVE_INFINITY;
    const next = value + 1 <= max ? value + 1 : value - 1;
    if (next >= min && next <= max) return { field, value: next };
  }
  for (const [field, s] of entries) {
    const options = Array.isArray(s['enum']) ? s['enum'] : [];
    const other = options.find((o) => o !== current[field]);
    if (other !== undefined) return { field, value: other };
  }
  return undefined;
}
