const MAX_REF_HOPS = 64;

/** The value a JSON pointer designates, and the pointer with every `$ref` crossed on the way replaced. */
export interface ResolvedPointer {
  readonly pointer: string;
  readonly value: unknown;
}

/**
 * Walks `pointer` through `document`, following local `$ref`s (`#/...`) met on the way, so the result names the
 * place where the value is actually written: `/paths/~1a/get/parameters/0/schema`, when `parameters/0` is
 * `{ $ref: '#/components/parameters/Id' }`, becomes `/components/parameters/Id/schema`. A `$ref` at the very end
 * is not followed unless `followLast` is set. Undefined when the pointer leads nowhere or refs loop.
 */
export function resolveDocumentPointer(
  document: unknown,
  pointer: string,
  followLast = false,
): ResolvedPointer | undefined {
  let current: ResolvedPointer = { pointer: '', value: document };
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/');
  for (const token of tokens) {
    const base = followRefs(document, current);
    if (base === undefined || typeof base.value !== 'object' || base.value === null) return undefined;
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    const value = (base.value as Record<string, unknown>)[key];
    if (value === undefined || !Object.hasOwn(base.value, key)) return undefined;
    current = { pointer: `${base.pointer}/${token}`, value };
  }
  return followLast ? followRefs(document, current) : current;
}

function followRefs(document: unknown, start: ResolvedPointer): ResolvedPointer | undefined {
  let current = start;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    const value = current.value;
    if (typeof value !== 'object' || value === null) return current;
    const ref = (value as Record<string, unknown>)['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#')) return current;
    const target = resolveDocumentPointer(document, decodeURIComponent(ref.slice(1)));
    if (target === undefined) return undefined;
    current = target;
  }
  return undefined;
}
