import type { ApiModel, JsonSchema, Operation } from '@rampart/openapi';

/** Where a schema node sits, the first time it was reached from a root. */
export interface SchemaNodeUse {
  readonly schema: JsonSchema;
  /** Property names from the root (`[]` array items, `*` additional properties). */
  readonly propertyPath: readonly string[];
  /** Keywords from the root, e.g. `['properties', 'user', 'items']`. */
  readonly keywordPath: readonly string[];
  /** The schema containing this one. */
  readonly parent: JsonSchema | undefined;
  /** Operations whose inputs (or outputs) reach this node, in model order (computed on first access). */
  readonly operations: readonly Operation[];
}

/** Every schema node reachable from an API's inputs or outputs, once, with the operations that use it. */
export interface SchemaUses {
  /** Request bodies (all media types). */
  readonly requestBody: ReadonlyMap<JsonSchema, SchemaNodeUse>;
  /** Schemas of path, query, header and cookie parameters. */
  readonly parameters: ReadonlyMap<JsonSchema, SchemaNodeUse>;
  /** Bodies of 2xx (and `default` when there is no 2xx) responses. */
  readonly successResponse: ReadonlyMap<JsonSchema, SchemaNodeUse>;
  /** Root schemas of request bodies, by operation. */
  readonly requestRoots: ReadonlyMap<Operation, readonly JsonSchema[]>;
  /** Root schemas of 2xx response bodies, by operation. */
  readonly responseRoots: ReadonlyMap<Operation, readonly JsonSchema[]>;
}

const cache = new WeakMap<ApiModel, SchemaUses>();
const NONE: readonly Operation[] = Object.freeze([]);
/** Bound on nesting depth: deeper nesting is rare and adds nothing but time. */
const MAX_DEPTH = 64;

const SINGLE = [
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'unevaluatedItems',
  'additionalItems',
];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['patternProperties', 'dependentSchemas'];
const CHILD_KEYWORDS = new Set(['properties', 'items', ...SINGLE, ...LISTS, ...MAPS]);

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Calls `edge(child, keyword, key, propertyName)` for each child of a schema, in document order: the same edges
 * `walkSchema` follows. `key` is the second keyword segment (property name, list index) or undefined.
 */
function eachChild(
  schema: JsonSchema,
  edge: (child: JsonSchema, keyword: string, key: string | undefined, name: string | undefined) => void,
): void {
  // Most nodes are leaves with a few keywords: one pass over their keys is cheaper than probing all 18.
  let parent = false;
  for (const k in schema) {
    if (CHILD_KEYWORDS.has(k)) {
      parent = true;
      break;
    }
  }
  if (!parent) return;
  const properties = schema['properties'];
  if (isSchema(properties)) {
    for (const name in properties) {
      if (!Object.hasOwn(properties, name)) continue;
      const sub = properties[name];
      if (isSchema(sub)) edge(sub, 'properties', name, name);
    }
  }
  const items = schema['items'];
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      const sub: unknown = items[i];
      if (isSchema(sub)) edge(sub, 'items', String(i), '[]');
    }
  } else if (isSchema(items)) edge(items, 'items', undefined, '[]');
  for (const k of SINGLE) {
    const sub = schema[k];
    if (isSchema(sub)) edge(sub, k, undefined, k === 'additionalProperties' ? '*' : undefined);
  }
  for (const k of LISTS) {
    const list = schema[k];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const sub: unknown = list[i];
      if (isSchema(sub)) edge(sub, k, String(i), k === 'prefixItems' ? '[]' : undefined);
    }
  }
  for (const k of MAPS) {
    const map = schema[k];
    if (!isSchema(map)) continue;
    for (const name in map) {
      if (!Object.hasOwn(map, name)) continue;
      const sub = map[name];
      if (isSchema(sub)) edge(sub, k, name, '*');
    }
  }
}

/** Per direction: nodes in discovery order, each with how it was first reached, plus shared operation lists. */
class DirectionIndex {
  readonly nodes: JsonSchema[] = [];
  /** Index of the node a node was first reached from; -1 for roots. */
  readonly parents: number[] = [];
  readonly keywords: Array<string | undefined> = [];
  readonly keys: Array<string | undefined> = [];
  readonly names: Array<string | undefined> = [];
  readonly propertyPaths: Array<readonly string[] | undefined> = [];
  readonly keywordPaths: Array<readonly string[] | undefined> = [];
  /** Decoded operation lists, one per distinct set (most nodes share their parent's). */
  readonly #decoded = new Map<OperationSet, readonly Operation[]>();

  constructor(readonly ops: readonly Operation[]) {}

  propertyPath(i: number): readonly string[] {
    let path = this.propertyPaths[i];
    if (path === undefined) {
      const parent = this.parents[i]!;
      if (parent < 0) path = [];
      else {
        const above = this.propertyPath(parent);
        const name = this.names[i];
        path = name === undefined ? above : [...above, name];
      }
      this.propertyPaths[i] = path;
    }
    return path;
  }

  keywordPath(i: number): readonly string[] {
    let path = this.keywordPaths[i];
    if (path === undefined) {
      const parent = this.parents[i]!;
      if (parent < 0) path = [];
      else {
        const key = this.keys[i];
        const keyword = this.keywords[i]!;
        path = [...this.keywordPath(parent), ...(key === undefined ? [keyword] : [keyword, key])];
      }
      this.keywordPaths[i] = path;
    }
    return path;
  }

  decode(bits: OperationSet | undefined): readonly Operation[] {
    if (bits === undefined) return NONE;
    let list = this.#decoded.get(bits);
    if (list === undefined && typeof bits === 'number') {
      list = [this.ops[bits]!];
      this.#decoded.set(bits, list);
    } else if (list === undefined && typeof bits !== 'number') {
      const out: Operation[] = [];
      for (let x = 0; x < bits.length; x++) {
        let word = bits[x]!;
        while (word !== 0) {
          const low = word & -word;
          out.push(this.ops[x * 32 + 31 - Math.clz32(low)]!);
          word ^= low;
        }
      }
      list = out;
      this.#decoded.set(bits, list);
    }
    return list!;
  }
}

/**
 * The operations reaching a node: one operation's index (most nodes: shared by all directions, no allocation)
 * or a bitset over the model's operations.
 */
type OperationSet = number | Uint32Array;

/** A node's use: paths and operation list are computed on first access from the direction's shared tables. */
class IndexedUse implements SchemaNodeUse {
  constructor(
    readonly schema: JsonSchema,
    private readonly at: number,
    private readonly direction: DirectionIndex,
    private readonly bits: OperationSet | undefined,
  ) {}

  get propertyPath(): readonly string[] {
    return this.direction.propertyPath(this.at);
  }

  get keywordPath(): readonly string[] {
    return this.direction.keywordPath(this.at);
  }

  get parent(): JsonSchema | undefined {
    const p = this.direction.parents[this.at]!;
    return p < 0 ? undefined : this.direction.nodes[p];
  }

  get operations(): readonly Operation[] {
    return this.direction.decode(this.bits);
  }
}

/** 2xx responses, or `default` when an operation documents no 2xx. */
export function successResponses(operation: Operation): Operation['responses'] {
  const ok = operation.responses.filter((r) => /^2(\d\d|XX)$/i.test(r.status));
  return ok.length > 0 ? ok : operation.responses.filter((r) => r.status === 'default');
}

/**
 * One direction's index: every node reachable from the roots, walked once (first visit fixes its paths), and
 * the operations reaching each node as a bitset propagated over the strongly connected components of the
 * schema graph (schemas can be cyclic). Cost: linear in nodes + edges, plus one bitset union per edge where
 * two different operation sets meet; no per-operation re-walks of shared schemas. Paths are stored as
 * parent links and built only for the nodes a rule asks about.
 */
function indexDirection(
  ops: readonly Operation[],
  rootsOf: (op: Operation) => readonly JsonSchema[],
): Map<JsonSchema, SchemaNodeUse> {
  const d = new DirectionIndex(ops);
  const { nodes, parents, keywords, keys, names } = d;
  const index = new Map<JsonSchema, number>();
  const depths: number[] = [];
  // Edges in compressed rows: a node's children are all discovered when it is expanded, so they are contiguous.
  const edgeStart: number[] = [];
  const edgeEnd: number[] = [];
  const targets: number[] = [];
  const direct: Array<number[] | undefined> = [];
  const add = (
    s: JsonSchema,
    parent: number,
    keyword: string | undefined,
    key: string | undefined,
    name: string | undefined,
    depth: number,
  ): number => {
    const i = nodes.length;
    index.set(s, i);
    nodes.push(s);
    parents.push(parent);
    keywords.push(keyword);
    keys.push(key);
    names.push(name);
    d.propertyPaths.push(undefined);
    d.keywordPaths.push(undefined);
    depths.push(depth);
    edgeStart.push(0);
    edgeEnd.push(0);
    direct.push(undefined);
    return i;
  };
  const stack: number[] = [];
  let current = 0;
  const onEdge = (
    child: JsonSchema,
    keyword: string,
    key: string | undefined,
    name: string | undefined,
  ): void => {
    let j = index.get(child);
    if (j === undefined) {
      j = add(child, current, keyword, key, name, depths[current]! + 1);
      stack.push(j);
    }
    targets.push(j);
  };
  const visit = (root: JsonSchema): number => {
    const known = index.get(root);
    if (known !== undefined) return known;
    const start = add(root, -1, undefined, undefined, undefined, 0);
    stack.push(start);
    while (stack.length > 0) {
      current = stack.pop()!;
      edgeStart[current] = targets.length;
      if (depths[current]! < MAX_DEPTH) eachChild(nodes[current]!, onEdge);
      edgeEnd[current] = targets.length;
    }
    return start;
  };
  for (let k = 0; k < ops.length; k++) {
    for (const root of rootsOf(ops[k]!)) {
      const v = visit(root);
      const list = direct[v];
      if (list === undefined) direct[v] = [k];
      else if (list.at(-1) !== k) list.push(k);
    }
  }

  // Tarjan (iterative): components come out children-first, so reversing gives parents before children.
  const n = nodes.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const sccStack: number[] = [];
  const components: number[][] = [];
  const workNode: number[] = [];
  const workEdge: number[] = [];
  let counter = 0;
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    workNode.push(s);
    workEdge.push(edgeStart[s]!);
    order[s] = low[s] = counter++;
    sccStack.push(s);
    onStack[s] = 1;
    while (workNode.length > 0) {
      const top = workNode.length - 1;
      const v = workNode[top]!;
      const e = workEdge[top]!;
      if (e < edgeEnd[v]!) {
        workEdge[top] = e + 1;
        const w = targets[e]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          sccStack.push(w);
          onStack[w] = 1;
          workNode.push(w);
          workEdge.push(edgeStart[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      workNode.pop();
      workEdge.pop();
      if (workNode.length > 0) {
        const u = workNode[workNode.length - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = sccStack.pop()!;
          onStack[w] = 0;
          component[w] = components.length;
          members.push(w);
        } while (w !== v);
        components.push(members);
      }
    }
  }
  // Copy-on-write sets: a component with one source of operations shares its parent's set (or holds the index of
  // its only operation), so tree-shaped schemas (most of them) allocate nothing; a bitset is made only when a
  // second, different source merges in, and cloned only when it is shared.
  const words = Math.ceil(ops.length / 32) || 1;
  const bits: Array<OperationSet | undefined> = new Array(components.length);
  const owned = new Uint8Array(components.length);
  /** Adds `source` into component `c`'s set, making it an owned bitset first. */
  const merge = (c: number, source: OperationSet): void => {
    let set = bits[c];
    if (typeof set === 'number') {
      const k = set;
      set = new Uint32Array(words);
      set[k >>> 5] = 1 << (k & 31);
      bits[c] = set;
      owned[c] = 1;
    } else if (set !== undefined && !owned[c]) {
      set = set.slice();
      bits[c] = set;
      owned[c] = 1;
    }
    if (typeof source === 'number') set![source >>> 5]! |= 1 << (source & 31);
    else for (let x = 0; x < words; x++) set![x]! |= source[x]!;
  };
  const contains = (set: OperationSet, k: number): boolean =>
    typeof set === 'number' ? set === k : (set[k >>> 5]! & (1 << (k & 31))) !== 0;
  for (let v = 0; v < n; v++) {
    const list = direct[v];
    if (list === undefined) continue;
    const c = component[v]!;
    for (const k of list) {
      const mine = bits[c];
      if (mine === undefined) bits[c] = k;
      else if (!contains(mine, k)) merge(c, k);
    }
  }
  for (let c = components.length - 1; c >= 0; c--) {
    const mine = bits[c];
    if (mine === undefined) continue;
    for (const v of components[c]!) {
      for (let e = edgeStart[v]!; e < edgeEnd[v]!; e++) {
        const target = component[targets[e]!]!;
        const theirs = bits[target];
        if (target === c || theirs === mine) continue;
        if (theirs === undefined) bits[target] = mine;
        else merge(target, mine);
      }
    }
  }

  const out = new Map<JsonSchema, SchemaNodeUse>();
  for (let v = 0; v < n; v++) {
    out.set(nodes[v]!, new IndexedUse(nodes[v]!, v, d, bits[component[v]!]));
  }
  return out;
}

/**
 * Indexes the model's schema uses once per model (cached): each reachable node once per direction, with every
 * operation that reaches it. Rules iterate the nodes (one finding per schema) instead of re-walking per operation.
 */
export function indexSchemaUses(model: ApiModel): SchemaUses {
  const cached = cache.get(model);
  if (cached) return cached;
  const ops = [...model.operations, ...model.webhooks];
  const requestRoots = new Map<Operation, JsonSchema[]>();
  const responseRoots = new Map<Operation, JsonSchema[]>();
  for (const op of ops) {
    const req: JsonSchema[] = [];
    for (const m of op.requestBody?.content ?? [])
      if (m.schema && !req.includes(m.schema)) req.push(m.schema);
    requestRoots.set(op, req);
    const res: JsonSchema[] = [];
    for (const r of successResponses(op))
      for (const m of r.content) if (m.schema && !res.includes(m.schema)) res.push(m.schema);
    responseRoots.set(op, res);
  }
  const uses: SchemaUses = {
    requestBody: indexDirection(ops, (op) => requestRoots.get(op) ?? []),
    parameters: indexDirection(ops, (op) => op.parameters.map((p) => p.schema)),
    successResponse: indexDirection(ops, (op) => responseRoots.get(op) ?? []),
    requestRoots,
    responseRoots,
  };
  cache.set(model, uses);
  return uses;
}
