import { type Problem, RampartValidationError } from '@rampart/core';
import {
  compilePathTemplate,
  type PathSegment,
  PathTemplateError,
  SEGMENT_RANK,
  type SegmentPart,
} from './compile-path-template.js';
import { HTTP_METHODS, type HttpMethod, type Operation } from './model.js';

/** The operation a request resolved to, with its path parameters percent-decoded. Frozen when it has none. */
export interface OperationMatch {
  readonly operation: Operation;
  readonly params: Readonly<Record<string, string>>;
}

export interface OperationIndex {
  /**
   * The most specific operation for `method` (case-insensitive) and `path` (the request path without query,
   * already normalized by the caller), or undefined. Never throws: a parameter value with a malformed percent
   * escape (`%zz`) is no match.
   */
  match(method: string, path: string): OperationMatch | undefined;
  /**
   * The methods (upper case, in `HTTP_METHODS` order) of every operation whose template matches `path`, so a
   * caller can answer 405 with `Allow` instead of 404. HEAD is listed only when the description declares it.
   */
  allowedMethods(path: string): readonly string[];
}

export interface OperationIndexOptions {
  /**
   * Base paths every operation is served under (`/api/v1`), replacing those of the operations' `servers`.
   * By default each operation is reachable under the `basePath` of each of its effective servers ('' when it
   * has none). A request is matched with the longest base path that leads to a match.
   */
  readonly basePaths?: readonly string[];
  /** Compare literal path text case-sensitively (default true). Case folding covers ASCII letters only. */
  readonly caseSensitive?: boolean;
}

interface Leaf {
  readonly operation: Operation;
  readonly template: string;
  readonly basePath: string;
  readonly paramNames: readonly string[];
  /** Shared answer for templates without parameters (frozen, so handing it out allocates nothing). */
  readonly staticMatch: OperationMatch | undefined;
  /** A parameter is named `__proto__` & co: build params without the object literal's prototype setter. */
  readonly unsafeNames: boolean;
}

interface Node {
  /** Literal segment text (case-folded when matching is case-insensitive); '' for the root. */
  readonly literal: string;
  /** For mixed segments: the parts to match (literals case-folded). */
  readonly parts: readonly SegmentPart[] | undefined;
  readonly sortKey: readonly [number, number, string];
  readonly literalChildren: Map<string, Node>;
  /** Literal children by the char code of their first character (< 128), for allocation-free lookup. */
  byFirstChar: Array<Node[] | undefined>;
  /** Literal children whose first character is not ASCII, and the empty-segment child. */
  otherLiterals: Node[];
  mixedChildren: Node[];
  readonly mixedByShape: Map<string, Node>;
  paramChild: Node | undefined;
  greedyLeaf: Leaf | undefined;
  leaf: Leaf | undefined;
}

interface MethodTable {
  readonly method: HttpMethod;
  readonly root: Node;
  /** Templates without parameters, by full path (case-folded when insensitive). */
  readonly statics: Map<string, Leaf>;
  maxParams: number;
}

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const SLASH = 47;
const PERCENT = '%';

/**
 * Compiles operations into a per-method segment tree (plus a map of parameterless paths), so `match` does a
 * hash lookup for static paths and a short walk otherwise, with no regular expressions and no allocation
 * beyond the result.
 *
 * Matching rules (the reference for the gateway's routing):
 * - **Specificity** (OpenAPI 3.1 "Path Templating Matching"): segment by segment, left to right, a literal
 *   segment beats a mixed one (`{name}.json`, `v{n}`), which beats a bare `{param}`, which beats a greedy
 *   parameter; among mixed segments more literal characters win, then the shape in code-unit order. Matching
 *   backtracks, so `/a/b/c` matches `/a/{x}/c` when `/a/b/{y}` does not exist. The result does not depend on the
 *   order of `operations`. Only operations declaring the request's method compete: with `GET /users/me` and
 *   `DELETE /users/{id}`, `DELETE /users/me` matches the latter (as the upstream's router would).
 * - **Parameters** match one or more characters and never a `/`. Several parameters in one segment split
 *   left-greedy (`{name}.{ext}` on `a.tar.gz` gives `a.tar` and `gz`). A path parameter declared with
 *   `x-rampart-greedy: true` must fill the last segment and matches the rest of the path, slashes included.
 *   Values are percent-decoded after matching; literal text is compared to the path as given.
 * - **Trailing slash**: significant. `/users/` matches only a template `/users/` (an empty segment never fills a
 *   parameter). The one exception: template `/` under a non-empty base path matches the base path with or
 *   without the slash.
 * - **Base paths**: see `OperationIndexOptions.basePaths`; when the same concrete path arises from two
 *   (base path, template) pairs, the longer base path wins, then the template in code-unit order.
 * - Webhook operations (`isWebhook`) are not routable and are skipped.
 *
 * Throws `RampartValidationError` (`RAMPART_ERR_OPENAPI_INVALID`) listing every template that cannot be
 * parsed, and `TypeError` for a base path that does not start with `/`.
 */
export function createOperationIndex(
  operations: readonly Operation[],
  options: OperationIndexOptions = {},
): OperationIndex {
  const caseSensitive = options.caseSensitive ?? true;
  const fold = caseSensitive ? (text: string) => text : foldAsciiCase;
  const basePathOverride = options.basePaths?.map(normalizeBasePath);
  const tables = new Map<HttpMethod, MethodTable>();
  const problems: Problem[] = [];

  for (const operation of operations) {
    if (operation.isWebhook) continue;
    const greedy = new Set(
      operation.parameters
        .filter((p) => p.in === 'path' && p.extensions['x-rampart-greedy'] === true)
        .map((p) => p.name),
    );
    let compiled: ReturnType<typeof compilePathTemplate>;
    try {
      compiled = compilePathTemplate(operation.path, greedy);
    } catch (error) {
      if (!(error instanceof PathTemplateError)) throw error;
      problems.push({ path: operation.pointer, message: error.message });
      continue;
    }
    let table = tables.get(operation.method);
    if (table === undefined) {
      table = {
        method: operation.method,
        root: createNode('', undefined, [0, 0, '']),
        statics: new Map(),
        maxParams: 0,
      };
      tables.set(operation.method, table);
    }
    table.maxParams = Math.max(table.maxParams, compiled.paramNames.length);
    const basePaths = basePathOverride ?? unique(operation.servers.map((s) => normalizeBasePath(s.basePath)));
    if (basePaths.length === 0) basePaths.push('');
    for (const basePath of unique(basePaths)) {
      const baseSegments: PathSegment[] =
        basePath === ''
          ? []
          : basePath
              .slice(1)
              .split('/')
              .map((value) => ({
                kind: 'literal',
                parts: [{ kind: 'literal', value }],
                shape: value,
                literalLength: value.length,
              }));
      const leaf: Leaf = {
        operation,
        template: operation.path,
        basePath,
        paramNames: compiled.paramNames,
        staticMatch:
          compiled.paramNames.length === 0
            ? Object.freeze({ operation, params: Object.freeze({}) })
            : undefined,
        unsafeNames: compiled.paramNames.some((name) => UNSAFE_NAMES.has(name)),
      };
      const isRootTemplate = compiled.segments.length === 1 && compiled.segments[0]!.shape === '';
      insert(table, [...baseSegments, ...compiled.segments], leaf, fold);
      if (isRootTemplate && basePath !== '') insert(table, baseSegments, leaf, fold);
    }
  }
  if (problems.length > 0) {
    throw new RampartValidationError(
      'RAMPART_ERR_OPENAPI_INVALID',
      `${problems.length} path template(s) cannot be routed`,
      problems,
    );
  }
  for (const table of tables.values()) finalize(table.root);

  const byMethodName = new Map<string, MethodTable>();
  for (const table of tables.values()) {
    byMethodName.set(table.method, table);
    byMethodName.set(table.method.toUpperCase(), table);
  }
  const spans: number[] = new Array(2 * Math.max(1, ...[...tables.values()].map((t) => t.maxParams))).fill(0);

  const find = (table: MethodTable, folded: string): Leaf | undefined => {
    const leaf = table.statics.get(folded);
    if (leaf !== undefined) return leaf;
    if (folded.charCodeAt(0) !== SLASH) return undefined;
    return walk(table.root, folded, 1, 0, spans);
  };

  return {
    match(method, path) {
      const table = byMethodName.get(method) ?? byMethodName.get(method.toLowerCase());
      if (table === undefined) return undefined;
      const leaf = find(table, fold(path));
      if (leaf === undefined) return undefined;
      if (leaf.staticMatch !== undefined) return leaf.staticMatch;
      const names = leaf.paramNames;
      const params: Record<string, string> = leaf.unsafeNames ? Object.create(null) : {};
      for (let i = 0; i < names.length; i++) {
        const raw = path.slice(spans[2 * i], spans[2 * i + 1]);
        const value = raw.includes(PERCENT) ? decode(raw) : raw;
        if (value === undefined) return undefined;
        params[names[i]!] = value;
      }
      return { operation: leaf.operation, params };
    },
    allowedMethods(path) {
      const folded = fold(path);
      const allowed: string[] = [];
      for (const method of HTTP_METHODS) {
        const table = tables.get(method);
        if (table !== undefined && find(table, folded) !== undefined) allowed.push(method.toUpperCase());
      }
      return allowed;
    },
  };
}

/** Depth-first, most specific child first: the first complete match is the most specific one. */
function walk(node: Node, path: string, start: number, k: number, spans: number[]): Leaf | undefined {
  let end = path.indexOf('/', start);
  const last = end === -1;
  if (last) end = path.length;
  const length = end - start;

  let literal: Node | undefined;
  if (length === 0) {
    literal =
      node.otherLiterals.length > 0 && node.otherLiterals[0]!.literal === ''
        ? node.otherLiterals[0]
        : undefined;
  } else {
    const code = path.charCodeAt(start);
    const candidates = code < 128 ? node.byFirstChar[code] : node.otherLiterals;
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; i++) {
        const candidate = candidates[i]!;
        if (candidate.literal.length === length && path.startsWith(candidate.literal, start)) {
          literal = candidate;
          break;
        }
      }
    }
  }
  if (literal !== undefined) {
    const found = last ? literal.leaf : walk(literal, path, end + 1, k, spans);
    if (found !== undefined) return found;
  }
  if (length > 0) {
    const mixed = node.mixedChildren;
    for (let i = 0; i < mixed.length; i++) {
      const child = mixed[i]!;
      const parts = child.parts!;
      if (!matchParts(parts, 0, path, start, end, spans, k)) continue;
      const found = last ? child.leaf : walk(child, path, end + 1, k + countParams(parts), spans);
      if (found !== undefined) return found;
    }
    const param = node.paramChild;
    if (param !== undefined) {
      spans[2 * k] = start;
      spans[2 * k + 1] = end;
      const found = last ? param.leaf : walk(param, path, end + 1, k + 1, spans);
      if (found !== undefined) return found;
    }
  }
  const greedy = node.greedyLeaf;
  if (greedy !== undefined && path.length > start) {
    spans[2 * k] = start;
    spans[2 * k + 1] = path.length;
    return greedy;
  }
  return undefined;
}

/**
 * Matches the parts of a mixed segment against `path[start, end)`, parameters left-greedy (each takes the
 * longest value that lets the rest match), recording their spans. Parameters are never adjacent (the template
 * compiler rejects `{a}{b}`), so each one ends where the next literal is found.
 */
function matchParts(
  parts: readonly SegmentPart[],
  i: number,
  path: string,
  pos: number,
  end: number,
  spans: number[],
  k: number,
): boolean {
  if (i === parts.length) return pos === end;
  const part = parts[i]!;
  if (part.kind === 'literal') {
    const next = pos + part.value.length;
    return (
      next <= end && path.startsWith(part.value, pos) && matchParts(parts, i + 1, path, next, end, spans, k)
    );
  }
  const following = parts[i + 1];
  if (following === undefined) {
    if (end - pos < 1) return false;
    spans[2 * k] = pos;
    spans[2 * k + 1] = end;
    return true;
  }
  // `following` is a literal: try its occurrences from the right, leaving the parameter at least one character.
  const text = (following as { value: string }).value;
  let at = path.lastIndexOf(text, end - text.length);
  while (at >= pos + 1) {
    spans[2 * k] = pos;
    spans[2 * k + 1] = at;
    if (matchParts(parts, i + 2, path, at + text.length, end, spans, k + 1)) return true;
    at = path.lastIndexOf(text, at - 1);
  }
  return false;
}

function countParams(parts: readonly SegmentPart[]): number {
  let n = 0;
  for (const part of parts) if (part.kind === 'param') n++;
  return n;
}

function insert(
  table: MethodTable,
  segments: readonly PathSegment[],
  leaf: Leaf,
  fold: (s: string) => string,
): void {
  if (segments.every((s) => s.kind === 'literal')) {
    const key = fold(`/${segments.map((s) => s.shape).join('/')}`);
    table.statics.set(key, preferred(table.statics.get(key), leaf));
  }
  let node = table.root;
  for (const segment of segments) {
    if (segment.kind === 'greedy') {
      node.greedyLeaf = preferred(node.greedyLeaf, leaf);
      return;
    }
    node = childFor(node, segment, fold);
  }
  node.leaf = preferred(node.leaf, leaf);
}

function childFor(node: Node, segment: PathSegment, fold: (s: string) => string): Node {
  if (segment.kind === 'literal') {
    const literal = fold(segment.shape);
    let child = node.literalChildren.get(literal);
    if (child === undefined) {
      child = createNode(literal, undefined, [SEGMENT_RANK.literal, 0, literal]);
      node.literalChildren.set(literal, child);
    }
    return child;
  }
  if (segment.kind === 'param') {
    node.paramChild ??= createNode('', undefined, [SEGMENT_RANK.param, 0, '{}']);
    return node.paramChild;
  }
  const shape = fold(segment.shape);
  let child = node.mixedByShape.get(shape);
  if (child === undefined) {
    const parts = segment.parts.map((part) =>
      part.kind === 'literal' ? { kind: 'literal' as const, value: fold(part.value) } : part,
    );
    child = createNode('', parts, [SEGMENT_RANK.mixed, -segment.literalLength, shape]);
    node.mixedByShape.set(shape, child);
  }
  return child;
}

/** Deterministic choice between two templates that land on the same route: longer base path, then template. */
function preferred(current: Leaf | undefined, candidate: Leaf): Leaf {
  if (current === undefined) return candidate;
  const order =
    candidate.basePath.length - current.basePath.length ||
    compareText(current.template, candidate.template) ||
    compareText(current.operation.pointer, candidate.operation.pointer);
  return order > 0 ? candidate : current;
}

function finalize(node: Node): void {
  for (const child of node.literalChildren.values()) {
    const code = child.literal.charCodeAt(0);
    if (child.literal === '') node.otherLiterals.unshift(child);
    else if (code < 128) {
      const bucket = node.byFirstChar[code] ?? [];
      bucket.push(child);
      node.byFirstChar[code] = bucket;
    } else node.otherLiterals.push(child);
    finalize(child);
  }
  node.mixedChildren = [...node.mixedByShape.values()].sort((a, b) => compareSortKeys(a.sortKey, b.sortKey));
  for (const child of node.mixedChildren) finalize(child);
  if (node.paramChild !== undefined) finalize(node.paramChild);
}

function createNode(
  literal: string,
  parts: readonly SegmentPart[] | undefined,
  sortKey: Node['sortKey'],
): Node {
  return {
    literal,
    parts,
    sortKey,
    literalChildren: new Map(),
    byFirstChar: new Array(128),
    otherLiterals: [],
    mixedChildren: [],
    mixedByShape: new Map(),
    paramChild: undefined,
    greedyLeaf: undefined,
    leaf: undefined,
  };
}

function compareSortKeys(a: Node['sortKey'], b: Node['sortKey']): number {
  return a[0] - b[0] || a[1] - b[1] || compareText(a[2], b[2]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizeBasePath(basePath: string): string {
  if (basePath === '' || basePath === '/') return '';
  if (!basePath.startsWith('/')) {
    throw new TypeError(`base path must be empty or start with "/", got ${JSON.stringify(basePath)}`);
  }
  return basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Lower-cases ASCII letters only, so the folded path keeps the original's length and offsets. */
function foldAsciiCase(text: string): string {
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) break;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
  }
  return out;
}
