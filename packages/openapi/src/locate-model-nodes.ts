import type { SourceLocation } from '@rampart/core';
import type { DocumentSet } from './resolve-document-set.js';
import type { RefGraph } from './resolve-ref-graph.js';
import { isRefObject } from './resolve-ref-sites.js';

/**
 * `ApiModel.locate` and `ApiModel.locatePointer` over a loaded document set: any node the loader made is traced
 * back to the parsed node it came from (for Swagger 2.0, a node of the original 2.0 file), whose position is
 * then looked up in its own document.
 */
export function locateModelNodes(
  set: DocumentSet,
  graph: RefGraph,
  document: unknown,
): {
  locate(node: object): SourceLocation | undefined;
  locatePointer(pointer: string): SourceLocation | undefined;
} {
  const locate = (node: object): SourceLocation | undefined => {
    if (typeof node !== 'object' || node === null) return undefined;
    return set.locate(node);
  };
  return {
    locate,
    locatePointer(pointer) {
      if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) return undefined;
      let current: unknown = document;
      let best = locate(document as object);
      if (pointer === '') return best;
      const segments = pointer.slice(1).split('/');
      for (const [i, raw] of segments.entries()) {
        const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        try {
          while (isRefObject(current) && !Object.hasOwn(current, segment))
            current = graph.resolveRef(current);
        } catch {
          return best;
        }
        if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return best;
        const parent = current;
        current = (current as Record<string, unknown>)[segment];
        const last = i === segments.length - 1;
        const here = typeof current === 'object' && current !== null ? locate(current) : undefined;
        if (here && (!last || !isRefObject(current))) best = here;
        else if (last) best = set.locateMember(parent, segment) ?? best;
        else best = here ?? best;
      }
      return best;
    },
  };
}
