import type { JsonSchema } from '@rampart/openapi';
import { normalizeFieldName, singularize } from './name-resource.js';
import type { ValuePool } from './value-pool.js';

/** Where to look and whose values come first. */
export interface PooledValueQuery {
  /** The identity that will send the value: its own values come first, unless the name points elsewhere. */
  readonly identity: string | undefined;
  /** Literal words of the operation's path (`/referrals/redeem` → referral, redeem), for `code` → `referralcode`. */
  readonly pathWords?: readonly string[];
  readonly schema?: JsonSchema;
}

/** Prefixes that name the caller's own object (`fromAccountId`) or someone else's (`toAccountNumber`). */
const OWN_PREFIX = /^(from|source|src|my|own|sender|payer)(?=[a-z])/;
const OTHER_PREFIX =
  /^(to|target|dest|destination|recipient|receiver|payee|beneficiary|counterparty|other)(?=[a-z])/;
const SUFFIXES = ['id', 'number', 'code', 'name', 'key', 'uuid', 'no', 'iban'];

function fits(value: string | number, schema: JsonSchema | undefined): boolean {
  if (schema === undefined) return true;
  const type = schema['type'];
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) return false;
  if (type === 'integer' || type === 'number') {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number) || (type === 'integer' && !Number.isInteger(number))) return false;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, unknown>;
    if (typeof minimum === 'number' && number < minimum) return false;
    if (typeof maximum === 'number' && number > maximum) return false;
    if (typeof exclusiveMinimum === 'number' && number <= exclusiveMinimum) return false;
    if (typeof exclusiveMaximum === 'number' && number >= exclusiveMaximum) return false;
    return true;
  }
  if (type === 'string' && typeof schema['maxLength'] === 'number')
    return String(value).length <= schema['maxLength'];
  return true;
}

/**
 * Producer-consumer inference for one input by name: values the scan has seen (and seeds from the options)
 * under the same normalized name, then under the name without an own/other prefix (`toAccountNumber` →
 * `accountnumber`), then as `<resource><field>` split on the path's words or a known suffix (`accountnumber` →
 * field `number` of resource `account`; `code` on `/referrals/redeem` → `referralcode`). The caller's own values
 * come first, except for names that point at someone else (`toAccountNumber`, `recipientEmail`; not ids,
 * which usually must be the caller's), where others' come first.
 * Only values that fit the schema (type, enum, maxLength) are returned.
 */
export function choosePooledValues(
  values: ValuePool,
  name: string,
  query: PooledValueQuery,
): Array<string | number> {
  const normalized = normalizeFieldName(name);
  const bare = normalized.replace(OWN_PREFIX, '').replace(OTHER_PREFIX, '');
  // `toAccountNumber` names someone else's account; `toAccountId` usually one the caller must own too.
  const other = OTHER_PREFIX.test(normalized) && !bare.endsWith('id');
  const keys = [normalized, bare];
  for (const word of query.pathWords ?? []) keys.push(`${normalizeFieldName(singularize(word))}${bare}`);
  const split: Array<{ resource: string; field: string }> = [];
  for (const suffix of SUFFIXES) {
    if (bare.endsWith(suffix) && bare.length > suffix.length) {
      split.push({ resource: bare.slice(0, -suffix.length), field: suffix });
    }
  }
  const all = values.all();
  const ranked: Array<{ value: string | number; rank: number }> = [];
  const push = (value: string | number, identity: string, order: number) => {
    const mine = query.identity !== undefined && identity === query.identity;
    const seed = identity === 'seed';
    // Own first for own/plain names; others first for names that point elsewhere; seeds after own values.
    const owner = other ? (mine ? 2 : seed ? 1 : 0) : mine ? 0 : seed ? 1 : 2;
    ranked.push({ value, rank: owner * 100 + order });
  };
  // An id names an object: the ids of that resource's own objects (`id` of an account listing) are the best
  // evidence, better than any field that merely holds such an id (`toAccountId` of a past transfer).
  const idFirst = bare.endsWith('id') ? 0 : keys.length + 1;
  keys.forEach((key, order) => {
    for (const entry of all) if (entry.key === key) push(entry.value, entry.identity, order + 1);
  });
  for (const { resource, field } of split) {
    for (const entry of all) {
      if (entry.key === field && entry.resource === resource) push(entry.value, entry.identity, idFirst);
    }
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const out: Array<string | number> = [];
  for (const { value } of ranked) {
    if (!fits(value, query.schema)) continue;
    if (!out.some((v) => String(v) === String(value))) out.push(value);
  }
  return out;
}
