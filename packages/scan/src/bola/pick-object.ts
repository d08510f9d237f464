import { findObjectById } from '../find-object-by-id.js';

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * The object a re-read shows: with `whole` (a GET of the object's own path), the body itself or its `data`
 * wrapper; otherwise (a list) the item whose `id` is `id`. Undefined when the body is not JSON or has no such object.
 */
export function pickObject(
  body: string,
  id: string | number,
  whole: boolean,
): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!whole) return findObjectById(parsed, id);
  const record = asRecord(parsed);
  if (record === undefined) return undefined;
  const data = asRecord(record['data']);
  return data !== undefined && Object.keys(record).length <= 3 ? data : record;
}
