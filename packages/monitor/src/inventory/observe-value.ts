import type { ResolvedInventoryLimits } from './inventory-limits.js';
import { inferStringFormat } from './infer-string-format.js';
import { createValueShape, type ValueShape } from './value-shape.js';

/** Strings that may become enumeration members: short, word-like, few digits. */
const ENUM_LIKE = /^[A-Za-z][A-Za-z0-9_ .:/-]{0,31}$/;
/** Fields whose values are about people or secrets: never kept, even when few. */
const PERSONAL =
  /name|user|login|addr|street|city|zip|postal|owner|holder|mail|phone|note|comment|message|title|desc/i;

/** The state of one observation: how many more JSON values may be read, and the limits. */
export interface ObserveBudget {
  nodes: number;
  readonly limits: ResolvedInventoryLimits;
}

/**
 * Folds one parsed JSON value into a shape, recursively, while the budget lasts. `field` is the property name
 * holding it (for the personal-data rule on kept values).
 */
export function observeJsonValue(
  shape: ValueShape,
  value: unknown,
  budget: ObserveBudget,
  field: string | undefined,
  depth = 0,
): void {
  if (budget.nodes <= 0) return;
  budget.nodes--;
  shape.count++;
  if (value === null) shape.nulls++;
  else if (typeof value === 'boolean') shape.booleans++;
  else if (typeof value === 'number') observeNumber(shape, value);
  else if (typeof value === 'string') observeString(shape, value, field, budget.limits.maxValues, 1);
  else if (Array.isArray(value)) {
    shape.arrays++;
    if (depth >= budget.limits.maxSchemaDepth) return;
    shape.items ??= createValueShape();
    for (const item of value) {
      if (budget.nodes <= 0) break;
      observeJsonValue(shape.items, item, budget, field, depth + 1);
    }
  } else if (typeof value === 'object') {
    shape.objects++;
    if (depth >= budget.limits.maxSchemaDepth) return;
    shape.properties ??= new Map();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (budget.nodes <= 0) break;
      let child = shape.properties.get(key);
      if (child === undefined) {
        if (shape.properties.size >= budget.limits.maxProperties) {
          shape.droppedProperties++;
          continue;
        }
        child = createValueShape();
        shape.properties.set(key, child);
      }
      observeJsonValue(child, item, budget, key, depth + 1);
    }
  }
}

/**
 * Folds one textual value (a query or path parameter, a form field) into a shape: `42` counts as an integer,
 * `1.5` as a number, `true`/`false` as a boolean, anything else as a string with its format. `weight` counts
 * it several times (merged path literals).
 */
export function observeTextValue(
  shape: ValueShape,
  text: string,
  field: string | undefined,
  maxValues: number,
  weight = 1,
): void {
  shape.count += weight;
  if (/^-?\d{1,15}$/.test(text)) {
    shape.integers += weight - 1;
    observeNumber(shape, Number(text));
  } else if (/^-?\d{1,15}\.\d{1,15}$/.test(text)) {
    shape.numbers += weight - 1;
    observeNumber(shape, Number(text));
  } else if (text === 'true' || text === 'false') shape.booleans += weight;
  else observeString(shape, text, field, maxValues, weight);
}

function observeNumber(shape: ValueShape, value: number): void {
  if (Number.isInteger(value)) shape.integers++;
  else shape.numbers++;
  if (value < shape.minimum) shape.minimum = value;
  if (value > shape.maximum) shape.maximum = value;
}

function observeString(
  shape: ValueShape,
  value: string,
  field: string | undefined,
  maxValues: number,
  weight: number,
): void {
  shape.strings += weight;
  const length = value.length;
  if (length < shape.minLength) shape.minLength = length;
  if (length > shape.maxLength) shape.maxLength = length;
  const format = inferStringFormat(value);
  if (format !== undefined) shape.formats.set(format, (shape.formats.get(format) ?? 0) + weight);
  const values = shape.values;
  if (values === undefined) return;
  if (format !== undefined || !ENUM_LIKE.test(value) || (field !== undefined && PERSONAL.test(field))) {
    shape.values = undefined;
    return;
  }
  const seen = values.get(value);
  if (seen !== undefined) values.set(value, seen + weight);
  else if (values.size >= maxValues) shape.values = undefined;
  else values.set(value, weight);
}
