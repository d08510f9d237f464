import {
  type CharRanges,
  intersectRanges,
  overlapRanges,
  parseRegex,
  type RegexNode,
  RegexSyntaxError,
} from './parse-regex.js';

/**
 * How badly a backtracking engine can blow up on a pattern:
 * - `exponential`: some input is matched by exponentially many paths (`(a+)+`, `(a|a)*`, `(a|ab)*`, `(\w+\s?)*`).
 * - `polynomial`: two overlapping loops can split the same input in O(n^k) ways (`\d+\d+`, `\S+@\S+`, `(.*a){3}`).
 * - `safe`: neither.
 * - `unknown`: too large to analyse within the budget (reported as not proven safe).
 * - `invalid`: not an ECMAScript regular expression.
 */
export type RegexAmbiguity =
  | { readonly kind: 'safe' }
  | { readonly kind: 'exponential' | 'polynomial'; readonly witness: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Bounds that keep the analysis linear-ish on any input a document can contain. */
const MAX_POSITIONS = 300;
const MAX_STEPS = 2_000_000;
/** Bounded repetitions are unrolled this many times at most: enough to expose overlaps between iterations. */
const MAX_UNROLL = 3;

interface Automaton {
  /** Character set of each position (Glushkov automaton: one state per character occurrence). */
  readonly sets: CharRanges[];
  /**
   * Successors of each position, as a multiset: `(a+)+` links a→a twice (inner and outer loop). Parallel edges
   * are distinct ways for a backtracking matcher to go on, which is exactly the ambiguity that costs time.
   */
  readonly follow: number[][];
  readonly first: number[];
  /** Accepting positions. */
  readonly last: number[];
}

class TooComplex extends Error {}

/** Builds the Glushkov automaton (positions, first and follow sets) of a parsed pattern. */
function buildAutomaton(tree: RegexNode): Automaton {
  const sets: CharRanges[] = [];
  const follow: number[][] = [];
  type Frag = { first: number[]; last: number[]; nullable: boolean };
  const link = (from: readonly number[], to: readonly number[]) => {
    for (const l of from) for (const f of to) follow[l]!.push(f);
  };
  const seq = (a: Frag, b: Frag): Frag => {
    link(a.last, b.first);
    return {
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...b.last, ...a.last] : b.last,
      nullable: a.nullable && b.nullable,
    };
  };
  const empty = (): Frag => ({ first: [], last: [], nullable: true });
  const build = (node: RegexNode): Frag => {
    switch (node.type) {
      case 'empty':
        return empty();
      case 'char': {
        if (sets.length >= MAX_POSITIONS) throw new TooComplex();
        const p = sets.length;
        sets.push(node.ranges);
        follow.push([]);
        return { first: [p], last: [p], nullable: false };
      }
      case 'seq':
        return node.items.reduce((acc, item) => seq(acc, build(item)), empty());
      case 'alt': {
        const frags = node.options.map(build);
        return {
          first: frags.flatMap((f) => f.first),
          last: frags.flatMap((f) => f.last),
          nullable: frags.some((f) => f.nullable),
        };
      }
      case 'repeat': {
        if (node.max === 0) return empty();
        if (node.max === Number.POSITIVE_INFINITY) {
          let acc = empty();
          for (let i = 1; i < Math.min(Math.max(node.min, 1), MAX_UNROLL - 1); i++)
            acc = seq(acc, build(node.body));
          const loop = build(node.body);
          link(loop.last, loop.first);
          return seq(acc, { ...loop, nullable: loop.nullable || node.min === 0 });
        }
        // x{m,n} → m mandatory copies, then nested optional ones (x(x(x)?)?)?: a counted loop has one path
        // per count, unlike x?x?x? which could match one "x" three ways.
        const copies = Math.min(node.max, MAX_UNROLL);
        const mandatory = Math.min(node.min, copies);
        const tail = (k: number): Frag =>
          k === 0 ? empty() : { ...seq(build(node.body), tail(k - 1)), nullable: true };
        let acc = empty();
        for (let i = 0; i < mandatory; i++) acc = seq(acc, build(node.body));
        acc = seq(acc, tail(copies - mandatory));
        return acc;
      }
    }
  };
  const root = build(tree);
  return { sets, follow, first: root.first, last: root.last };
}

/**
 * Decides whether `pattern` is exponentially or polynomially ambiguous, by searching the product of its
 * Glushkov automaton with itself (Weber & Seidl's EDA/IDA criteria):
 * - EDA: a state p and two different paths from p back to p reading the same word ⇔ in the product
 *   automaton, (p,p) and some (q,r) with q ≠ r lie on one cycle.
 * - IDA: states p ≠ q with loops p→p, p→q, q→q all reading the same word ⇔ in the triple product,
 *   (p,p,q) reaches (p,q,q).
 * Lookarounds, anchors and backreferences are treated as empty; the implicit `.*?` of an unanchored
 * search is not added (it would make every leading loop polynomial and bury the real findings).
 */
export function analyzeRegexAmbiguity(pattern: string): RegexAmbiguity {
  let tree: RegexNode;
  try {
    tree = parseRegex(pattern);
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { kind: 'invalid', reason: error.message };
    throw error;
  }
  let automaton: Automaton;
  try {
    automaton = buildAutomaton(tree);
  } catch (error) {
    if (error instanceof TooComplex)
      return { kind: 'unknown', reason: `more than ${MAX_POSITIONS} positions` };
    throw error;
  }
  const { sets, follow } = automaton;
  const n = sets.length;
  // Without a final `$`, a search succeeds the moment it reaches an accepting position, so ambiguity that
  // passes through one never backtracks: cut accepting positions out of the search.
  const success = new Uint8Array(n);
  if (!/(^|[^\\])\$\)*$/.test(pattern)) for (const p of automaton.last) success[p] = 1;
  const overlap = new Map<number, number | undefined>();
  const common = (a: number, b: number): number | undefined => {
    const key = a < b ? a * n + b : b * n + a;
    if (!overlap.has(key)) overlap.set(key, pickWitness(overlapRanges(sets[a]!, sets[b]!)));
    return overlap.get(key);
  };
  let steps = 0;
  const budget = () => {
    if (++steps > MAX_STEPS) throw new TooComplex();
  };
  try {
    const alive = follow.map((list) => list.filter((q) => !success[q]));
    const eda = findExponential(n, alive, common, budget);
    if (eda !== undefined) return { kind: 'exponential', witness: String.fromCodePoint(eda) };
    const shared3 = (x: number, y: number, z: number) =>
      pickWitness(overlapRanges(overlapRanges(sets[x]!, sets[y]!), sets[z]!));
    const ida = findPolynomial(n, alive, common, shared3, budget);
    if (ida !== undefined) return { kind: 'polynomial', witness: String.fromCodePoint(ida) };
  } catch (error) {
    if (error instanceof TooComplex)
      return { kind: 'unknown', reason: `more than ${MAX_STEPS} analysis steps` };
    throw error;
  }
  return { kind: 'safe' };
}

/** A readable character of a set for messages: a letter, a digit, punctuation, else the first one. */
function pickWitness(ranges: CharRanges): number | undefined {
  if (ranges.length === 0) return undefined;
  for (const preferred of [0x61, 0x41, 0x30, 0x2e, 0x2d, 0x20, 0x40]) {
    if (intersectRanges(ranges, [preferred, preferred]) !== undefined) return preferred;
  }
  const printable = intersectRanges(ranges, [0x21, 0x7e]);
  return printable ?? ranges[0];
}

type Common = (a: number, b: number) => number | undefined;

/**
 * Tarjan's SCC over the pair automaton. Returns a witness character when a cycle through a diagonal node (p,p)
 * diverges: it visits an off-diagonal node (q,r≠q), or takes two different parallel edges at the same time.
 */
function findExponential(
  n: number,
  follow: number[][],
  common: Common,
  budget: () => void,
): number | undefined {
  /** Successor nodes; a node is listed twice-encoded (negative) when reached through two different parallel edges. */
  const successors = (node: number): number[] => {
    const p1 = Math.floor(node / n);
    const p2 = node % n;
    const out: number[] = [];
    const f1 = follow[p1]!;
    const f2 = follow[p2]!;
    for (let i = 0; i < f1.length; i++) {
      for (let j = 0; j < f2.length; j++) {
        budget();
        const q1 = f1[i]!;
        const q2 = f2[j]!;
        if (common(q1, q2) === undefined) continue;
        const target = q1 * n + q2;
        out.push(p1 === p2 && q1 === q2 && i !== j ? -1 - target : target);
      }
    }
    return out;
  };
  const decode = (edge: number) => (edge < 0 ? -1 - edge : edge);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  let counter = 0;
  for (let p = 0; p < n; p++) {
    const root = p * n + p;
    if (index.has(root)) continue;
    const work: Array<{ node: number; succ: number[]; i: number }> = [];
    const open = (node: number) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, succ: successors(node), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.succ.length) {
        const next = decode(frame.succ[frame.i++]!);
        if (!index.has(next)) open(next);
        else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const diagonal = component.some((c) => Math.floor(c / n) === c % n);
      if (!diagonal) continue;
      const offDiagonal = component.find((c) => Math.floor(c / n) !== c % n);
      if (offDiagonal !== undefined) return common(Math.floor(offDiagonal / n), offDiagonal % n);
      const members = new Set(component);
      for (const c of component) {
        for (const edge of successors(c)) {
          if (edge < 0 && members.has(decode(edge))) return common(Math.floor(c / n), Math.floor(c / n));
        }
      }
    }
  }
  return undefined;
}

/** Positions on a cycle of the automaton (states with a loop). */
function loopPositions(n: number, follow: number[][]): number[] {
  const out: number[] = [];
  for (let p = 0; p < n; p++) {
    const seen = new Set<number>();
    const stack = [...follow[p]!];
    while (stack.length > 0) {
      const q = stack.pop()!;
      if (q === p) {
        out.push(p);
        break;
      }
      if (seen.has(q)) continue;
      seen.add(q);
      stack.push(...follow[q]!);
    }
  }
  return out;
}

/** Searches the triple product from (p,p,q) for (p,q,q), for each pair of distinct loop positions. */
function findPolynomial(
  n: number,
  follow: number[][],
  common: Common,
  shared3: (x: number, y: number, z: number) => number | undefined,
  budget: () => void,
): number | undefined {
  const loops = loopPositions(n, follow);
  for (const p of loops) {
    for (const q of loops) {
      if (p === q) continue;
      const start = (p * n + p) * n + q;
      const goal = (p * n + q) * n + q;
      const seen = new Set<number>([start]);
      const queue = [start];
      while (queue.length > 0) {
        const node = queue.shift()!;
        const a = Math.floor(node / (n * n));
        const b = Math.floor(node / n) % n;
        const c = node % n;
        for (const x of follow[a]!) {
          for (const y of follow[b]!) {
            budget();
            if (common(x, y) === undefined) continue;
            for (const z of follow[c]!) {
              budget();
              if (common(x, z) === undefined || shared3(x, y, z) === undefined) continue;
              const next = (x * n + y) * n + z;
              if (next === goal) return shared3(x, y, z);
              if (!seen.has(next)) {
                seen.add(next);
                queue.push(next);
              }
            }
          }
        }
      }
    }
  }
  return undefined;
}
