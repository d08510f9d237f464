import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RampartError, type SourceLocation, formatLocation } from '@rampart/core';
import { loadSourceText, type ReferringSite } from './load-source-text.js';
import { parseSourceDocument, type SourceDocument } from './parse-source-document.js';
import type { LoadLimits } from './resolve-load-limits.js';
import { resolveRefSites } from './resolve-ref-sites.js';
import { resolveRefUrl } from './resolve-ref-url.js';

/** The root document and every document its `$ref`s pull in, with what is needed to locate their nodes. */
export interface DocumentSet {
  readonly root: SourceDocument;
  /** By absolute URL (`file:` or `http(s):`, no fragment). */
  readonly documents: ReadonlyMap<string, SourceDocument>;
  /**
   * Objects with a `$ref` at or below them (objects without one need no dereferenced copy). Strong sets and maps
   * here: their entries live as long as the documents and the model anyway, and weak tables of tens of
   * thousands of entries cost every garbage collection.
   */
  readonly holders: Set<object>;
  /** For nodes the loader made (converted, dereferenced, model objects): the node they came from. */
  readonly originalOf: Map<object, object>;
  readonly limits: LoadLimits;
  /** The document a raw node belongs to (the root unless recorded otherwise). */
  ownerOf(node: object): SourceDocument;
  /** Follows `originalOf` back to a node of a parsed document. */
  originOf(node: object): object;
  locate(node: object): SourceLocation | undefined;
  locateMember(node: object, key: string): SourceLocation | undefined;
}

/** How a document is named in messages: URLs as they are, files relative to the working directory when inside it. */
export function resolveDocumentName(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  const fromCwd = relative(process.cwd(), path);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

function refPolicyViolation(
  baseUrl: string,
  targetUrl: string,
  limits: LoadLimits,
): [string, string] | undefined {
  const target = new URL(targetUrl).protocol;
  const base = new URL(baseUrl).protocol;
  if (target !== 'file:' && target !== 'http:' && target !== 'https:') {
    return [
      `the "${target}" scheme is not supported`,
      'Reference files by path, or documents by http(s) URL.',
    ];
  }
  if (base !== 'file:' && target === 'file:') {
    return [
      'a document fetched over the network may not reference local files',
      'Bundle the description, or load it from disk instead of a URL.',
    ];
  }
  if (target !== 'file:' && !limits.allowRemote) {
    return [
      'it is remote and remote references are disabled',
      'Allow remote references (allowRemote: true, --allow-remote) or bundle the description.',
    ];
  }
  return undefined;
}

/**
 * Loads every document reachable through `$ref`s from the root, breadth-first and in parallel, within
 * `maxDocuments`. References inside `x-*` extensions are followed when they can be; their failures are ignored.
 */
export async function resolveDocumentSet(root: SourceDocument, limits: LoadLimits): Promise<DocumentSet> {
  const documents = new Map<string, SourceDocument>([[root.url, root]]);
  const requested = new Set<string>([root.url]);
  const holders = new Set<object>();
  const owners = new WeakMap<object, SourceDocument>();
  const originalOf = new Map<object, object>();

  const originOf = (node: object): object => {
    let current = node;
    for (let next = originalOf.get(current); next !== undefined; next = originalOf.get(current))
      current = next;
    return current;
  };
  const ownerOf = (node: object): SourceDocument => owners.get(node) ?? root;
  const toLocation = (
    doc: SourceDocument,
    position: { line: number; column: number; pointer: string } | undefined,
  ) =>
    position
      ? { file: doc.name, line: position.line, column: position.column, pointer: position.pointer }
      : undefined;
  const set: DocumentSet = {
    root,
    documents,
    holders,
    originalOf,
    limits,
    ownerOf,
    originOf,
    locate(node) {
      const origin = originOf(node);
      const doc = ownerOf(origin);
      return toLocation(doc, doc.locateNode(origin));
    },
    locateMember(node, key) {
      const origin = originOf(node);
      const doc = ownerOf(origin);
      return toLocation(doc, doc.locateMember(origin, key) ?? doc.locateNode(origin));
    },
  };

  let frontier: SourceDocument[] = [root];
  while (frontier.length > 0) {
    const loads: Array<Promise<SourceDocument | undefined>> = [];
    for (const doc of frontier) {
      const onNode = doc === root ? undefined : (node: object) => owners.set(node, doc);
      resolveRefSites(
        doc.value,
        holders,
        (refNode, ref, lenient) => {
          const target = resolveRefUrl(ref, doc.url);
          if (typeof target === 'string' || requested.has(target.documentUrl)) return;
          const location = toLocation(doc, doc.locateMember(refNode, '$ref')) ?? { file: doc.name };
          const violation = refPolicyViolation(doc.url, target.documentUrl, limits);
          if (violation) {
            if (lenient) return;
            throw new RampartError(
              'RAMPART_ERR_OPENAPI_REF',
              `${formatLocation(location)}: $ref "${ref}" cannot be followed: ${violation[0]}`,
              { location, hint: violation[1] },
            );
          }
          if (requested.size >= limits.maxDocuments) {
            throw new RampartError(
              'RAMPART_ERR_OPENAPI_LIMIT',
              `${formatLocation(location)}: $ref "${ref}" would pull in more than ${limits.maxDocuments} documents`,
              { location, hint: 'Bundle the description into fewer files, or raise maxDocuments.' },
            );
          }
          requested.add(target.documentUrl);
          const site: ReferringSite = { ref, location };
          const name = resolveDocumentName(target.documentUrl);
          loads.push(
            loadSourceText(target.documentUrl, name, limits, site)
              .then((text) => parseSourceDocument(text, target.documentUrl, name, limits))
              .catch((error: unknown) => {
                if (lenient) return undefined;
                throw error;
              }),
          );
        },
        onNode,
        doc.tree === true,
      );
    }
    const loaded = await Promise.all(loads);
    frontier = [];
    for (const doc of loaded) {
      if (!doc) continue;
      documents.set(doc.url, doc);
      frontier.push(doc);
    }
  }
  return set;
}
