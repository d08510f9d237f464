import type { JsonSchema } from '@rampart/openapi';
import { DATA_CLASSES } from '../classify/data-class.js';
import type { ValueShape } from './value-shape.js';

/** Enumerations are inferred only from this many string values or more… */
const ENUM_MIN_SAMPLES = 30;
/** …with at most this many distinct values. */
const ENUM_MAX_VALUES = 8;

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of the values a shape saw: the types (`["string", "null"]`
 * when several), integer versus number, a string `format` when every string had it, an `enum` when many values
 * took few distinct word-like values, object `properties` with `required` = present in every object seen, array
 * `items`. What was observed but is not a contract (lengths, ranges, counts, data classes) goes into
 * `x-rampart-observed`, so the document never forbids what traffic merely did not happen to show.
 */
export function valueShapeToSchema(shape: ValueShape): JsonSchema {
  const types: string[] = [];
  if (shape.objects > 0) types.push('object');
  if (shape.arrays > 0) types.push('array');
  if (shape.strings > 0) types.push('string');
  if (shape.numbers > 0) types.push('number');
  else if (shape.integers > 0) types.push('integer');
  if (shape.booleans > 0) types.push('boolean');
  if (shape.nulls > 0) types.push('null');
  const schema: Record<string, unknown> = {};
  if (types.length === 1) schema.type = types[0];
  else if (types.length > 1) schema.type = types;

  if (shape.strings > 0) {
    for (const [format, n] of shape.formats) if (n === shape.strings) schema.format = format;
    const values = shape.values;
    if (
      values !== undefined &&
      values.size > 0 &&
      values.size <= ENUM_MAX_VALUES &&
      shape.strings >= ENUM_MIN_SAMPLES &&
      types.length === 1
    ) {
      schema.enum = [...values.keys()].sort();
    }
  }
  if (shape.properties !== undefined && shape.properties.size > 0) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [name, child] of [...shape.properties].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      properties[name] = valueShapeToSchema(child);
      if (child.count >= shape.objects && shape.droppedProperties === 0) required.push(name);
    }
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  if (shape.items !== undefined && shape.items.count > 0) schema.items = valueShapeToSchema(shape.items);

  const observed: Record<string, unknown> = { count: shape.count };
  if (shape.strings > 0) {
    observed.minLength = shape.minLength;
    observed.maxLength = shape.maxLength;
  }
  if (shape.integers + shape.numbers > 0) {
    observed.minimum = shape.minimum;
    observed.maximum = shape.maximum;
  }
  if (shape.dataClasses !== undefined && shape.dataClasses.size > 0) {
    observed.dataClasses = DATA_CLASSES.filter((c) => shape.dataClasses!.has(c));
  }
  schema['x-rampart-observed'] = observed;
  return schema;
}
