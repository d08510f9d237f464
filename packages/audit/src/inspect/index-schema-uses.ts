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
const EMPTY = new Uint32Array(0);
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

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Children of a schema as [child, keywords, property name or undefined], the same edges `walkSchema` follows. */
function childrenOf(schema: JsonSchema): Array<[JsonSchema, string[], string | undefined]> {
  const out: Array<[JsonSchema, string[], string | undefined]> = [];
  const properties = schema['properties'];
  if (isSchema(properties)) {
    for (const name of Object.keys(properties)) {
      const sub = properties[name];
      if (isSchema(sub)) out.push([sub, ['properties', name], name]);
    }
  }
  const items = schema['items'];
  if (Array.isArray(items)) {
    for (const [i, sub] of items.entries()) if (isSchema(sub)) out.push([sub, ['items', String(i)], '[]']);
  } else if (isSchema(items)) out.push([items, ['items'], '[]']);
  for (const k of SINGLE) {
    const sub = schema[k];
    if (isSchema(sub)) out.push([sub, [k], k === 'additionalProperties' ? '*' : undefined]);
  }
  for (const k of LISTS) {
    const list = schema[k];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) {
      if (isSchema(sub)) out.push([sub, [k, String(i)], k === 'prefixItems' ? '[]' : undefined]);
    }
  }
  for (const k of MAPS) {
    const map = schema[k];
    if (isSchema(map))
      for (const name of Object.keys(map))
        if (isSchema(map[name])) out.push([map[name] as JsonSchema, [k, name], '*']);
  }
  return out;
}

/** A node's use; its operation list is decoded from the shared bitset on first access. */
class IndexedUse implements SchemaNodeUse {
  #operations: Operation[] | undefined;
  constructor(
    readonly schema: JsonSchema,
    readonly propertyPath: readonly string[],
    readonly keywordPath: readonly string[],
    readonly parent: JsonSchema | undefined,
    private readonly bits: Uint32Array,
    private readonly ops: readonly Operation[],
  ) {}

  get operations(): readonly Operation[] {
    if (this.#operations === undefined) {
      const list: Operation[] = [];
      for (let x = 0; x < this.bits.length; x++) {
        let word = this.bits[x]!;
        while (word !== 0) {
          const low = word & -word;
          list.push(this.ops[x * 32 + 31 - Math.clz32(low)]!);
          word ^= low;
        }
      }
      this.#operations = list;
    }
    return this.#operations;
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
 * schema graph (schemas can be cyclic). Cost: linear in nodes + edges, plus one bitset union per edge; no
 * per-operation re-walks of shared schemas.
 */
function indexDirection(
  ops: readonly Operation[],
  rootsOf: (op: Operation) => readonly JsonSchema[],
): Map<JsonSchema, SchemaNodeUse> {
  const index = new Map<JsonSchema, number>();
  const nodes: JsonSchema[] = [];
  const paths: Array<{
    propertyPath: readonly string[];
    keywordPath: readonly string[];
    parent: JsonSchema | undefined;
  }> = [];
  const edges: number[][] = [];
  const direct: number[][] = [];
  const visit = (root: JsonSchema): number => {
    const known = index.get(root);
    if (known !== undefined) return known;
    const add = (
      s: JsonSchema,
      propertyPath: readonly string[],
      keywordPath: readonly string[],
      parent: JsonSchema | undefined,
    ) => {
      const i = nodes.length;
      index.set(s, i);
      nodes.push(s);
      paths.push({ propertyPath, keywordPath, parent });
      edges.push([]);
      direct.push([]);
      return i;
    };
    const start = add(root, [], [], undefined);
    const stack: Array<[number, number]> = [[start, 0]];
    while (stack.length > 0) {
      const [i, depth] = stack.pop()!;
      if (depth >= MAX_DEPTH) continue;
      const here = paths[i]!;
      for (const [child, keywords, name] of childrenOf(nodes[i]!)) {
        let j = index.get(child);
        if (j === undefined) {
          j = add(
            child,
            name === undefined ? here.propertyPath : [...here.propertyPath, name],
            [...here.keywordPath, ...keywords],
            nodes[i],
          );
          stack.push([j, depth + 1]);
        }
        edges[i]!.push(j);
      }
    }
    return start;
  };
  ops.forEach((op, k) => {
    for (const root of rootsOf(op)) direct[visit(root)]!.push(k);
  });

  // Tarjan (iterative): components come out children-first, so reversing gives parents before children.
  const n = nodes.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    const work: Array<[number, number]> = [[s, 0]];
    order[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, e] = frame;
      if (e < edges[v]!.length) {
        frame[1]++;
        const w = edges[v]![e]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const u = work[work.length - 1]![0];
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = components.length;
          members.push(w);
        } while (w !== v);
        components.push(members);
      }
    }
  }
  // Copy-on-write bitsets: a component with one source of operations shares its parent's set, so tree-shaped
  // schemas (most of them) allocate nothing; a set is cloned only when a second, different source merges in.
  const words = Math.ceil(ops.length / 32) || 1;
  const bits: Array<Uint32Array | undefined> = new Array(components.length);
  const owned = new Uint8Array(components.length);
  for (let v = 0; v < n; v++) {
    for (const k of direct[v]!) {
      const c = component[v]!;
      if (!owned[c]) {
        bits[c] = new Uint32Array(words);
        owned[c] = 1;
      }
      bits[c]![k >>> 5]! |= 1 << (k & 31);
    }
  }
  for (let c = components.length - 1; c >= 0; c--) {
    const mine = bits[c];
    if (mine === undefined) continue;
    for (const v of components[c]!) {
      for (const w of edges[v]!) {
        const target = component[w]!;
        const theirs = bits[target];
        if (target === c || theirs === mine) continue;
        if (theirs === undefined) {
          bits[target] = mine;
          continue;
        }
        let merged = theirs;
        if (!owned[target]) {
          merged = theirs.slice();
          bits[target] = merged;
          owned[target] = 1;
        }
        for (let x = 0; x < words; x++) merged[x]! |= mine[x]!;
      }
    }
  }

  const out = new Map<JsonSchema, SchemaNodeUse>();
  for (let v = 0; v < n; v++) {
    const at = paths[v]!;
    out.set(
      nodes[v]!,
      new IndexedUse(
        nodes[v]!,
        at.propertyPath,
        at.keywordPath,
        at.parent,
        bits[component[v]!] ?? EMPTY,
        ops,
      ),
    );
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
