import type { ParentLink } from './find-parent-links.js';

/** Values per parameter tried in combinations (pairs from links come on top). */
const PER_PARAMETER = 2;

/**
 * Candidate assignments of an identity's values to an operation's id parameters (`candidates[i]` for
 * `names[i]`, best first), most likely to work first: for nested paths, parent-child pairs that the identity's
 * own responses show (`links`, relating the last two parameters), then combinations of each parameter's best
 * values. Empty when a parameter has no value; at most `limit` assignments.
 */
export function assignPathValues(
  names: readonly string[],
  candidates: ReadonlyArray<ReadonlyArray<string | number>>,
  links: readonly ParentLink[],
  limit: number,
): Array<Record<string, string | number>> {
  if (names.length === 0 || candidates.length !== names.length || candidates.some((c) => c.length === 0))
    return [];
  const has = (list: ReadonlyArray<string | number>, value: string | number) =>
    list.find((v) => String(v) === String(value));
  const out: Array<Record<string, string | number>> = [];
  const push = (assignment: Record<string, string | number>) => {
    const key = names.map((n) => String(assignment[n])).join('\u0000');
    if (out.length < limit && !out.some((a) => names.map((n) => String(a[n])).join('\u0000') === key))
      out.push(assignment);
  };
  let heads: Array<Record<string, string | number>> = [{}];
  for (const [index, name] of names.slice(0, -2).entries()) {
    heads = heads.flatMap((head) =>
      candidates[index]!.slice(0, PER_PARAMETER).map((value) => ({ ...head, [name]: value })),
    );
  }
  if (names.length >= 2) {
    const parentName = names.at(-2)!;
    const childName = names.at(-1)!;
    const parents = candidates.at(-2)!;
    const children = candidates.at(-1)!;
    for (const head of heads) {
      // In the order of the child's candidates, so the identity's best objects come first.
      for (const child of children) {
        for (const link of links) {
          if (String(link.child) !== String(child)) continue;
          const parent = has(parents, link.parent);
          if (parent !== undefined) push({ ...head, [parentName]: parent, [childName]: child });
        }
      }
    }
  }
  const tail = names.length >= 2 ? names.slice(-2) : names;
  const tailCandidates = candidates.slice(-tail.length);
  for (const head of heads) {
    let combos: Array<Record<string, string | number>> = [head];
    tail.forEach((name, index) => {
      combos = combos.flatMap((combo) =>
        tailCandidates[index]!.slice(0, PER_PARAMETER).map((value) => ({ ...combo, [name]: value })),
      );
    });
    for (const combo of combos) push(combo);
  }
  return out;
}
