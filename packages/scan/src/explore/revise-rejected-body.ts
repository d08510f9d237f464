import type { JsonSchema, Operation } from '@rampart/openapi';
import { listBodyProperties, poolCandidates } from './build-creation-body.js';
import { sampleSchema } from './sample-schema.js';
import type { ValuePool } from './value-pool.js';

/** What a revision changed: the new body and the fields it changed. */
export interface RevisedBody {
  readonly body: Record<string, unknown>;
  readonly fields: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A second attempt at a body the API refused with 400 or 422, when the refusal names fields of it
 * (`practitioner_id must name a practitioner`, `{"errors":[{"field":"projectId"}]}`): each named field gets
 * the next pooled value for its name it has not had, or the next enum value, or (when it was left out) a
 * sample. Undefined when the answer is not such a refusal or nothing can be changed.
 */
export function reviseRejectedBody(
  operation: Operation,
  schema: JsonSchema,
  body: unknown,
  refusal: { readonly status: number; readonly body: string },
  values: ValuePool,
  identity: string,
  marker: string,
): RevisedBody | undefined {
  if (refusal.status !== 400 && refusal.status !== 422) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const sent = body as Record<string, unknown>;
  const revised: Record<string, unknown> = { ...sent };
  const fields: string[] = [];
  for (const [name, property] of Object.entries(listBodyProperties(schema))) {
    // The name as a word of its own: `id` must not match inside `practitioner_id`.
    if (!new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(name)}($|[^A-Za-z0-9_])`).test(refusal.body)) continue;
    const current = sent[name];
    let next: unknown = poolCandidates(operation, values, identity, name, property).find(
      (value) => String(value) !== String(current),
    );
    if (next === undefined && Array.isArray(property['enum'])) {
      next = property['enum'].find((value) => JSON.stringify(value) !== JSON.stringify(current));
    }
    if (next === undefined && !(name in sent)) next = sampleSchema(property, { marker }, 1, name);
    if (next === undefined) continue;
    revised[name] = next;
    fields.push(name);
  }
  return fields.length === 0 ? undefined : { body: revised, fields };
}
