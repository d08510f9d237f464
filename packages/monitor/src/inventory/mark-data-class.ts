import type { DataClass } from '../classify/data-class.js';
import type { ValueShape } from './value-shape.js';

/**
 * Records that the value at a JSON pointer of a body (as `classifyJson` reports it) held a data class, on the
 * shape of that place: `/cards/0/number` marks `cards` → items → `number`. Places the shape does not track
 * (beyond its limits) are skipped.
 */
export function markDataClass(root: ValueShape, pointer: string, dataClass: DataClass): void {
  let shape: ValueShape | undefined = root;
  if (pointer !== '') {
    for (const raw of pointer.slice(1).split('/')) {
      const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      const child: ValueShape | undefined = shape.properties?.get(key);
      if (child !== undefined) shape = child;
      else if (shape.items !== undefined && /^\d+$/.test(key)) shape = shape.items;
      else return;
    }
  }
  shape.dataClasses ??= new Set();
  shape.dataClasses.add(dataClass);
}
