import { RampartError, formatLocation } from '@rampart/core';
import type { SpecVersion } from './model.js';
import type { SourceDocument } from './parse-source-document.js';
import { resolveClosestKey } from './resolve-closest-key.js';
import type { DocumentSet } from './resolve-document-set.js';
import { isDataMember, isRefObject } from './resolve-ref-sites.js';
import { resolveRefUrl } from './resolve-ref-url.js';

/** Dereferencing over a document set. */
export interface RefGraph {
  /**
   * The value with every `$ref` below it replaced by its target: objects without references are returned as
   * they are, the others are copied once (the same source object always gives the same copy), so recursive
   * references become cycles.
   */
  deref(value: unknown): unknown;
  /** The raw target of one reference (following chains of references), or throws `RAMPART_ERR_OPENAPI_REF`. */
  resolveRef(refNode: Record<string, unknown>): unknown;
}

/** JSON Schema keywords that, next to a 3.1 `$ref`, constrain the instance (and so must not be dropped). */
const CONSTRAINT_KEYWORDS = new Set([
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'enum',
  'const',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minProperties',
  'maxProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'readOnly',
  'writeOnly',
  'deprecated',
  'default',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'discriminator',
  'xml',
  'contentMediaType',
  'contentEncoding',
]);

function hasConstraintSiblings(refNode: Record<string, unknown>): boolean {
  for (const key in refNode) {
    if (key === 'required' ? Array.isArray(refNode[key]) : CONSTRAINT_KEYWORDS.has(key)) return true;
  }
  return false;
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function setMember(target: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    (target as Record<string, unknown>)[key] = value;
  }
}

class PointerMiss {
  constructor(
    readonly reason: string,
    readonly hint: string,
  ) {}
}

/**
 * Builds the dereferencing machinery over a loaded document set.
 *
 * `$ref` siblings: in 2.0 and 3.0 they are ignored, as the specifications say. In 3.1, annotations next to a
 * reference (`description`, `summary`, `title`, `examples`, `$comment`) are dropped so the target keeps its
 * identity, while constraints (`readOnly`, `type`, `properties`, …) are kept: such a node becomes
 * `{ ...siblings, allOf: [...siblings.allOf, target] }`, which is what JSON Schema 2020-12 means by it.
 *
 * @param rootValue the root's document as the model sees it (the converted one for Swagger 2.0)
 */
export function resolveRefGraph(set: DocumentSet, specVersion: SpecVersion, rootValue: unknown): RefGraph {
  const memo = new Map<object, unknown>();
  const queue: Array<{
    source: object;
    copy: Record<string, unknown> | unknown[];
    key: string;
    parentKey: string;
    lenient: boolean;
  }> = [];
  const scopeOf = (doc: SourceDocument): unknown => (doc === set.root ? rootValue : doc.value);

  const walkPointer = (scope: unknown, pointer: string, doc: SourceDocument, seen: Set<object>): unknown => {
    let current = scope;
    let path = '';
    if (pointer === '') return current;
    for (const raw of pointer.slice(1).split('/')) {
      const segment = unescapeSegment(raw);
      while (isRefObject(current) && !Object.hasOwn(current, segment)) current = follow(current, seen);
      if (typeof current !== 'object' || current === null) {
        throw new PointerMiss(
          `${path || '/'} is ${current === null ? 'null' : typeof current}, not an object`,
          `Check the pointer against ${doc.name}.`,
        );
      }
      if (!Object.hasOwn(current, segment) || (Array.isArray(current) && !/^(0|[1-9]\d*)$/.test(segment))) {
        const keys = Array.isArray(current) ? [] : Object.keys(current);
        const suggestion = resolveClosestKey(segment, keys);
        throw new PointerMiss(
          `no "${segment}" under ${path || '/'}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
          suggestion === undefined
            ? `Check the pointer against ${doc.name}${Array.isArray(current) ? ` (the array has ${current.length} item${current.length === 1 ? '' : 's'})` : ''}.`
            : `Fix the name in the $ref: ${path}/${suggestion.replace(/~/g, '~0').replace(/\//g, '~1')}.`,
        );
      }
      current = (current as Record<string, unknown>)[segment];
      path += `/${raw}`;
    }
    return current;
  };

  const refError = (refNode: Record<string, unknown>, ref: string, reason: string, hint: string) => {
    const location = set.locateMember(refNode, '$ref') ?? { file: set.ownerOf(set.originOf(refNode)).name };
    return new RampartError(
      'RAMPART_ERR_OPENAPI_REF',
      `${formatLocation(location)}: $ref "${ref}" does not resolve: ${reason}`,
      {
        location,
        hint,
      },
    );
  };

  /** One hop: the value a reference object points to. */
  const follow = (refNode: Record<string, unknown>, seen: Set<object>): unknown => {
    const ref = refNode['$ref'] as string;
    const origin = set.originOf(refNode);
    const originalRef = isRefObject(origin) ? origin.$ref : ref;
    if (seen.has(refNode)) {
      throw refError(
        refNode,
        originalRef,
        'it is part of a cycle of $refs that never reaches a value',
        'Make one of the references point to an actual schema or object.',
      );
    }
    seen.add(refNode);
    const doc = set.ownerOf(origin);
    const target = resolveRefUrl(ref, doc.url);
    if (typeof target === 'string')
      throw refError(refNode, originalRef, target, 'Use "file#/json/pointer" references.');
    const targetDoc = set.documents.get(target.documentUrl);
    if (!targetDoc) {
      throw refError(refNode, originalRef, `${target.documentUrl} was not loaded`, 'Check the reference.');
    }
    try {
      return walkPointer(scopeOf(targetDoc), target.pointer, targetDoc, seen);
    } catch (error) {
      if (!(error instanceof PointerMiss)) throw error;
      // A converted Swagger 2.0 document: a reference to a place the conversion moved may still exist in the original.
      if (targetDoc === set.root && rootValue !== set.root.value) {
        const rawTarget = resolveRefUrl(originalRef, doc.url);
        if (typeof rawTarget !== 'string') {
          try {
            return walkPointer(set.root.value, rawTarget.pointer, targetDoc, seen);
          } catch (second) {
            if (second instanceof PointerMiss)
              throw refError(refNode, originalRef, second.reason, second.hint);
            throw second;
          }
        }
      }
      throw refError(refNode, originalRef, error.reason, error.hint);
    }
  };

  const resolveRef = (refNode: Record<string, unknown>): unknown => {
    const seen = new Set<object>();
    let current: unknown = refNode;
    while (isRefObject(current)) current = follow(current, seen);
    return current;
  };

  const enqueue = (
    source: object,
    key: string,
    parentKey: string,
    lenient: boolean,
  ): Record<string, unknown> | unknown[] => {
    // A shallow clone (which keeps the source's shape, so it is cheap to make and to read) whose members that
    // hold references `drain` then replaces; a 3.1 reference with constraints is rebuilt member by member.
    const copy: Record<string, unknown> | unknown[] = Array.isArray(source)
      ? source.slice()
      : isRefObject(source)
        ? {}
        : { ...source };
    memo.set(source, copy);
    set.originalOf.set(copy, source);
    queue.push({ source, copy, key, parentKey, lenient });
    return copy;
  };

  const derefChild = (value: unknown, key: string, parentKey: string, lenient: boolean): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    // Most objects hold no reference: returned as they are without a look-up in the memo.
    if (!set.holders.has(value) && !isRefObject(value)) return value;
    const known = memo.get(value);
    if (known !== undefined) return known;
    if (isRefObject(value)) {
      let target: unknown;
      try {
        target = resolveRef(value);
      } catch (error) {
        if (lenient && error instanceof RampartError) {
          memo.set(value, value);
          return value;
        }
        throw error;
      }
      if (specVersion === '3.1' && hasConstraintSiblings(value))
        return enqueue(value, key, parentKey, lenient);
      const result = derefChild(target, key, parentKey, lenient);
      memo.set(value, result);
      return result;
    }
    return enqueue(value, key, parentKey, lenient);
  };

  const drain = () => {
    for (let i = 0; i < queue.length; i++) {
      const { source, copy, key, parentKey, lenient } = queue[i]!;
      if (Array.isArray(source)) {
        const list = copy as unknown[];
        for (let j = 0; j < source.length; j++) {
          const child: unknown = source[j];
          const value = derefChild(child, key, parentKey, lenient);
          if (value !== child) list[j] = value;
        }
        continue;
      }
      const record = source as Record<string, unknown>;
      const isWrapper = isRefObject(record);
      for (const childKey in record) {
        if (isWrapper && childKey === '$ref') continue;
        const child = record[childKey];
        const value =
          typeof child !== 'object' || child === null || isDataMember(childKey, child, key, parentKey)
            ? child
            : derefChild(child, childKey, key, lenient || childKey.startsWith('x-'));
        // The clone already has every member as it is in the source.
        if (isWrapper || value !== child) setMember(copy, childKey, value);
      }
      if (isWrapper) {
        const target = derefChild(resolveRef(record), key, parentKey, lenient);
        const allOf = Array.isArray((copy as Record<string, unknown>)['allOf'])
          ? ((copy as Record<string, unknown>)['allOf'] as unknown[])
          : [];
        (copy as Record<string, unknown>)['allOf'] = [...allOf, target];
      }
    }
    queue.length = 0;
  };

  return {
    deref(value) {
      const result = derefChild(value, '', '', false);
      drain();
      return result;
    },
    resolveRef,
  };
}
