import type { SourceLocation } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';

function isRefObject(value: object): boolean {
  return !Array.isArray(value) && typeof (value as Record<string, unknown>)['$ref'] === 'string';
}

/**
 * `model.locatePointer(pointer)`, answered with a single `model.locate` when the pointer leads through plain
 * objects of the normalized document to a plain object (the usual case: operations, parameters, responses).
 * `model.locatePointer` locates every node along the pointer; on documents with tens of thousands of findings
 * that was a large share of the audit. Anything else (a `$ref` on the way, a pointer to a scalar, a node the
 * loader cannot place) is left to `model.locatePointer`, so the answer is always the same.
 */
export function locatePointer(model: ApiModel, pointer: string): SourceLocation | undefined {
  if (pointer.startsWith('/')) {
    let current: unknown = model.document;
    let plain = true;
    for (const raw of pointer.slice(1).split('/')) {
      if (typeof current !== 'object' || current === null || isRefObject(current)) {
        plain = false;
        break;
      }
      const segment = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      if (!Object.hasOwn(current, segment)) {
        plain = false;
        break;
      }
      current = (current as Record<string, unknown>)[segment];
    }
    if (plain && typeof current === 'object' && current !== null && !isRefObject(current)) {
      const found = model.locate(current);
      if (found !== undefined) return found;
    }
  }
  return model.locatePointer(pointer);
}
