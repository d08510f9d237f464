/** How an attacker's request relates to the owner's object. */
export type AttackKind = 'direct' | 'parent-swap' | 'child-swap';

/** One attacker request for one of the owner's objects: the value of every id parameter. */
export interface AttackPath {
  readonly kind: AttackKind;
  readonly values: Readonly<Record<string, string | number>>;
}

/** What to plan from. */
export interface AttackPlanInput {
  /** The id parameters in path order: parents first, the object itself last. */
  readonly parameters: readonly string[];
  /** The owner's working values (the owner got 2xx with them). */
  readonly owner: Readonly<Record<string, string | number>>;
  /** The attacker's own working values for the same operation, when it has any. */
  readonly attacker?: Readonly<Record<string, string | number>> | undefined;
  /** Also plan the owner's parents with the attacker's own object (for reads). */
  readonly childSwap: boolean;
}

const same = (a: string | number | undefined, b: string | number | undefined) => String(a) === String(b);

/**
 * The requests an attacker sends for one of the owner's objects (RESTler's resource hierarchy, Akto's BOLA tests):
 *
 * - `direct`: the owner's full path (`/accounts/A/transactions/a`), as any peer or anonymous would try.
 * - `parent-swap`: the attacker's own parents with the owner's object (`/accounts/B/transactions/a`): the classic
 *   "checks the caller owns the account, not that the transaction belongs to it" bug. Only for nested paths, and
 *   only when the attacker has parents of its own that differ from the owner's.
 * - `child-swap` (reads only): the owner's parents with the attacker's own object (`/accounts/A/transactions/b`),
 *   for APIs that check the object's owner but return data of the parent named in the path.
 */
export function planAttackPaths(input: AttackPlanInput): AttackPath[] {
  const { parameters, owner, attacker } = input;
  const plans: AttackPath[] = [{ kind: 'direct', values: owner }];
  if (parameters.length < 2 || attacker === undefined) return plans;
  const leaf = parameters.at(-1)!;
  const parents = parameters.slice(0, -1);
  const hasParents = parents.every((p) => attacker[p] !== undefined);
  if (hasParents && parents.some((p) => !same(attacker[p], owner[p]))) {
    const values: Record<string, string | number> = { ...owner };
    for (const p of parents) values[p] = attacker[p]!;
    plans.push({ kind: 'parent-swap', values });
  }
  if (input.childSwap && attacker[leaf] !== undefined && !same(attacker[leaf], owner[leaf])) {
    plans.push({ kind: 'child-swap', values: { ...owner, [leaf]: attacker[leaf]! } });
  }
  return plans;
}
