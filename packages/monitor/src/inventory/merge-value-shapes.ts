import type { ResolvedInventoryLimits } from './inventory-limits.js';
import { createValueShape, type ValueShape } from './value-shape.js';

/** Folds `source` into `target`, as if every value of `source` had been observed by `target`. */
export function mergeValueShapes(
  target: ValueShape,
  source: ValueShape,
  limits: ResolvedInventoryLimits,
): void {
  target.count += source.count;
  target.nulls += source.nulls;
  target.booleans += source.booleans;
  target.integers += source.integers;
  target.numbers += source.numbers;
  target.strings += source.strings;
  target.objects += source.objects;
  target.arrays += source.arrays;
  for (const [format, n] of source.formats) target.formats.set(format, (target.formats.get(format) ?? 0) + n);
  target.minLength = Math.min(target.minLength, source.minLength);
  target.maxLength = Math.max(target.maxLength, source.maxLength);
  target.minimum = Math.min(target.minimum, source.minimum);
  target.maximum = Math.max(target.maximum, source.maximum);
  if (target.values !== undefined) {
    if (source.values === undefined) target.values = undefined;
    else {
      for (const [value, n] of source.values) target.values.set(value, (target.values.get(value) ?? 0) + n);
      if (target.values.size > limits.maxValues) target.values = undefined;
    }
  }
  target.droppedProperties += source.droppedProperties;
  if (source.properties !== undefined) {
    target.properties ??= new Map();
    for (const [name, child] of source.properties) {
      const existing = target.properties.get(name);
      if (existing !== undefined) mergeValueShapes(existing, child, limits);
      else if (target.properties.size < limits.maxProperties) target.properties.set(name, child);
      else target.droppedProperties++;
    }
  }
  if (source.items !== undefined) {
    if (target.items === undefined) target.items = source.items;
    else mergeValueShapes(target.items, source.items, limits);
  }
  if (source.dataClasses !== undefined) {
    target.dataClasses ??= new Set();
    for (const c of source.dataClasses) target.dataClasses.add(c);
  }
}

/** A copy of `shape` that shares nothing with it. */
export function cloneValueShape(shape: ValueShape, limits: ResolvedInventoryLimits): ValueShape {
  const copy = createValueShape();
  mergeValueShapes(copy, shape, limits);
  return copy;
}
