import { inferSegmentKind, type SegmentKind } from './infer-segment-kind.js';
import { isWellKnownSegment } from './is-well-known-segment.js';
import { namePathParameter } from './name-path-parameter.js';

/** How the values of a parameter position looked, for naming it. */
type NamingKind = 'id' | 'date' | 'email' | 'name';

/** One position of one path shape. Endpoints (by method) hang on the node where their path ends. */
export interface PathTrieNode<T> {
  parent: PathTrieNode<T> | undefined;
  /** The literal text, or undefined for the root and parameter nodes. */
  readonly segment: string | undefined;
  readonly isParam: boolean;
  /** Segments from the root: 0 for the root, 1 for `/users`. */
  readonly depth: number;
  readonly literals: Map<string, PathTrieNode<T>>;
  param: PathTrieNode<T> | undefined;
  /** Literal siblings were merged into the parameter: new non-well-known literals go there too. */
  merged: boolean;
  /** Parameter nodes: how many values of each kind named it. */
  readonly kinds: Map<NamingKind, number>;
  readonly endpoints: Map<string, T>;
}

/** Where one path landed. */
export interface PathTrieInsert<T> {
  readonly node: PathTrieNode<T>;
  /** The path's segments that are parameters in the node's template: segment index → value. */
  readonly params: readonly (readonly [index: number, value: string])[];
}

export interface PathTrieOptions<T> {
  /** Distinct mergeable literals at one position before they become a parameter. */
  readonly mergeThreshold: number;
  /** Most nodes kept; paths that would need more are not inserted. */
  readonly maxNodes: number;
  /** Literal segments never merged, besides the well-known ones (e.g. every literal of the description). */
  readonly protectedLiterals?: ReadonlySet<string>;
  /** Folds an endpoint into another when two paths become one template. */
  merge(target: T, source: T): void;
  /** Told, for every endpoint under a merged literal, that segment `index` is now a parameter with `value`. */
  onLiteralMerged(endpoint: T, index: number, value: string): void;
}

/** A trie of observed paths that infers their templates. */
export interface PathTrie<T> {
  /** The node for a path's segments (empty segments ignored), creating it; undefined when the node cap is hit. */
  insert(segments: readonly string[]): PathTrieInsert<T> | undefined;
  /** `/users/{userId}/orders`: the template of a node, parameters named by `namePathParameter`. */
  template(node: PathTrieNode<T>): string;
  /** The template's parameter names by segment index. */
  parameterNames(node: PathTrieNode<T>): Map<number, string>;
  /** Every node that has endpoints. */
  nodesWithEndpoints(): PathTrieNode<T>[];
  /** Endpoints currently in the trie. */
  readonly endpointCount: number;
  /** Call when an endpoint was added to a node's `endpoints`. */
  countEndpoint(): void;
}

/**
 * Creates the path trie behind template inference. Segments that look like ids (`inferSegmentKind`) go to the
 * position's parameter child. Literal segments get their own child until a position has more than
 * `mergeThreshold` distinct mergeable literals; then they are merged into the parameter (their subtrees and
 * endpoints folded together) and later literals go there too. Well-known literals (`me`, `search`, `v1`, …)
 * and `protectedLiterals` are never merged, and neither are the children of the root or of a prefix made only
 * of such literals (`/api/v2/<resource>`): top-level resources are names, not values.
 */
export function createPathTrie<T>(options: PathTrieOptions<T>): PathTrie<T> {
  const isProtected = (segment: string) =>
    isWellKnownSegment(segment) || (options.protectedLiterals?.has(segment) ?? false);
  let nodes = 1;
  let endpointCount = 0;
  const root = newNode<T>(undefined, undefined, false, 0);

  const canMerge = (node: PathTrieNode<T>): boolean => {
    for (let n: PathTrieNode<T> | undefined = node; n !== undefined && n !== root; n = n.parent) {
      if (n.isParam || !isProtected(n.segment!)) return true;
    }
    return false;
  };
  const mergeableCount = (node: PathTrieNode<T>): number => {
    let count = 0;
    for (const segment of node.literals.keys()) if (!isProtected(segment)) count++;
    return count;
  };
  const paramOf = (node: PathTrieNode<T>): PathTrieNode<T> => {
    if (node.param === undefined) {
      node.param = newNode<T>(node, undefined, true, node.depth + 1);
      nodes++;
    }
    return node.param;
  };
  const visitEndpoints = (node: PathTrieNode<T>, visit: (endpoint: T) => void): void => {
    for (const endpoint of node.endpoints.values()) visit(endpoint);
    for (const child of node.literals.values()) visitEndpoints(child, visit);
    if (node.param !== undefined) visitEndpoints(node.param, visit);
  };

  const absorb = (target: PathTrieNode<T>, source: PathTrieNode<T>): void => {
    nodes--;
    for (const [kind, n] of source.kinds) target.kinds.set(kind, (target.kinds.get(kind) ?? 0) + n);
    for (const [method, endpoint] of source.endpoints) {
      const existing = target.endpoints.get(method);
      if (existing === undefined) target.endpoints.set(method, endpoint);
      else {
        options.merge(existing, endpoint);
        endpointCount--;
      }
    }
    for (const [segment, child] of source.literals) {
      const existing = target.literals.get(segment);
      if (target.merged && !isProtected(segment)) {
        visitEndpoints(child, (e) => options.onLiteralMerged(e, target.depth, segment));
        absorb(paramOf(target), child);
      } else if (existing !== undefined) absorb(existing, child);
      else {
        child.parent = target;
        target.literals.set(segment, child);
      }
    }
    if (source.param !== undefined) {
      if (target.param === undefined) {
        source.param.parent = target;
        target.param = source.param;
      } else absorb(target.param, source.param);
    }
    if (target.merged) return;
    if (source.merged) mergeLiterals(target);
    else if (mergeableCount(target) > options.mergeThreshold && canMerge(target)) mergeLiterals(target);
  };

  const mergeLiterals = (node: PathTrieNode<T>): void => {
    node.merged = true;
    const param = paramOf(node);
    for (const [segment, child] of [...node.literals]) {
      if (isProtected(segment)) continue;
      node.literals.delete(segment);
      param.kinds.set('name', (param.kinds.get('name') ?? 0) + 1);
      visitEndpoints(child, (e) => options.onLiteralMerged(e, node.depth, segment));
      absorb(param, child);
    }
  };

  return {
    insert(segments) {
      let node = root;
      const params: [number, string][] = [];
      for (const segment of segments) {
        if (segment.length === 0) continue;
        const index = node.depth;
        const kind = inferSegmentKind(segment);
        if (kind !== undefined || (node.merged && !isProtected(segment))) {
          if (node.param === undefined && nodes >= options.maxNodes) return undefined;
          node = paramOf(node);
          const naming = namingKind(kind);
          node.kinds.set(naming, (node.kinds.get(naming) ?? 0) + 1);
          params.push([index, segment]);
          continue;
        }
        let child = node.literals.get(segment);
        if (child === undefined) {
          if (nodes >= options.maxNodes) return undefined;
          child = newNode<T>(node, segment, false, node.depth + 1);
          nodes++;
          node.literals.set(segment, child);
          if (!isProtected(segment) && mergeableCount(node) > options.mergeThreshold && canMerge(node)) {
            mergeLiterals(node);
            // This segment is now a value of the parameter, like its siblings before it.
            node = node.param!;
            params.push([index, segment]);
            continue;
          }
        }
        node = child;
      }
      return { node, params };
    },
    template(node) {
      const names = this.parameterNames(node);
      const parts: string[] = [];
      for (let n: PathTrieNode<T> | undefined = node; n !== undefined && n !== root; n = n.parent) {
        parts.push(n.isParam ? `{${names.get(n.depth - 1)}}` : n.segment!);
      }
      return `/${parts.reverse().join('/')}`;
    },
    parameterNames(node) {
      const chain: PathTrieNode<T>[] = [];
      for (let n: PathTrieNode<T> | undefined = node; n !== undefined && n !== root; n = n.parent)
        chain.push(n);
      chain.reverse();
      const names = new Map<number, string>();
      const used = new Set<string>();
      for (const n of chain) {
        if (!n.isParam) continue;
        const previous = n.parent !== undefined && !n.parent.isParam ? n.parent.segment : undefined;
        const base = namePathParameter(previous, dominantKind(n.kinds));
        let name = base;
        for (let i = 2; used.has(name); i++) name = `${base}${i}`;
        used.add(name);
        names.set(n.depth - 1, name);
      }
      return names;
    },
    nodesWithEndpoints() {
      const found: PathTrieNode<T>[] = [];
      const visit = (n: PathTrieNode<T>) => {
        if (n.endpoints.size > 0) found.push(n);
        for (const child of n.literals.values()) visit(child);
        if (n.param !== undefined) visit(n.param);
      };
      visit(root);
      return found;
    },
    get endpointCount() {
      return endpointCount;
    },
    countEndpoint() {
      endpointCount++;
    },
  };
}

function newNode<T>(
  parent: PathTrieNode<T> | undefined,
  segment: string | undefined,
  isParam: boolean,
  depth: number,
): PathTrieNode<T> {
  return {
    parent,
    segment,
    isParam,
    depth,
    literals: new Map(),
    param: undefined,
    merged: false,
    kinds: new Map(),
    endpoints: new Map(),
  };
}

function namingKind(kind: SegmentKind | undefined): NamingKind {
  if (kind === 'date' || kind === 'email') return kind;
  return kind === undefined ? 'name' : 'id';
}

function dominantKind(kinds: ReadonlyMap<NamingKind, number>): NamingKind {
  let best: NamingKind = 'id';
  let bestCount = -1;
  for (const kind of ['id', 'date', 'email', 'name'] as const) {
    const n = kinds.get(kind) ?? 0;
    if (n > bestCount) {
      best = kind;
      bestCount = n;
    }
  }
  return best;
}
