import type { Operation } from '@rampart/openapi';
import { isRequirementSubset } from '../is-requirement-subset.js';

/**
 * The first of `others` whose credentials also open `operation`: some authenticated alternative of the other
 * operation satisfies some alternative of `operation`. Used to show that a privileged operation has no scheme or
 * scope of its own. Undefined when `operation` needs something no other operation asks for.
 */
export function findEquallyGuardedOperation(
  operation: Operation,
  others: readonly Operation[],
): Operation | undefined {
  const mine = operation.security.filter((a) => Object.keys(a).length > 0);
  if (mine.length === 0) return undefined;
  for (const other of others) {
    for (const theirs of other.security) {
      if (Object.keys(theirs).length === 0) continue;
      if (mine.some((a) => isRequirementSubset(a, theirs))) return other;
    }
  }
  return undefined;
}
