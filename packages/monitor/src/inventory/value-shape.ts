import type { DataClass } from '../classify/data-class.js';
import type { StringFormat } from './infer-string-format.js';

/**
 * What the values seen at one place (a query parameter, a body property, an array's items) looked like: counts
 * per JSON type, string formats and lengths, numeric range, a few distinct short values for enumerations, and
 * for objects and arrays the shapes of their properties and items. Bounded by the inventory's limits.
 */
export interface ValueShape {
  /** Values observed (an absent property is not observed). */
  count: number;
  nulls: number;
  booleans: number;
  integers: number;
  /** Non-integer numbers. */
  numbers: number;
  strings: number;
  objects: number;
  arrays: number;
  /** Strings per recognised format; strings with none are `strings` minus the sum. */
  readonly formats: Map<StringFormat, number>;
  minLength: number;
  maxLength: number;
  minimum: number;
  maximum: number;
  /**
   * Distinct short word-like strings with their counts, for enumerations; `undefined` once more than the limit
   * were seen or a value was not enumeration-like (never holds ids, numbers or personal data).
   */
  values: Map<string, number> | undefined;
  /** Object properties by name (present when an object was seen). */
  properties: Map<string, ValueShape> | undefined;
  /** Properties not tracked because of the limit. */
  droppedProperties: number;
  /** The shape of array items (present when an array was seen). */
  items: ValueShape | undefined;
  /** Sensitive data classes found in these values. */
  dataClasses: Set<DataClass> | undefined;
}

/** An empty shape. */
export function createValueShape(): ValueShape {
  return {
    count: 0,
    nulls: 0,
    booleans: 0,
    integers: 0,
    numbers: 0,
    strings: 0,
    objects: 0,
    arrays: 0,
    formats: new Map(),
    minLength: Number.POSITIVE_INFINITY,
    maxLength: 0,
    minimum: Number.POSITIVE_INFINITY,
    maximum: Number.NEGATIVE_INFINITY,
    values: new Map(),
    properties: undefined,
    droppedProperties: 0,
    items: undefined,
    dataClasses: undefined,
  };
}
