import type { SecurityRequirement } from '@rampart/openapi';

/**
 * True when requirement `a` asks for no more than requirement `b`: every scheme `a` names is also in `b`, with a
 * subset of `b`'s scopes. A caller who satisfies `b` therefore satisfies `a`. The empty requirement `{}`
 * (anonymous) is a subset of everything.
 */
export function isRequirementSubset(a: SecurityRequirement, b: SecurityRequirement): boolean {
  for (const [scheme, scopes] of Object.entries(a)) {
    const other = b[scheme];
    if (other === undefined) return false;
    if (!scopes.every((s) => other.includes(s))) return false;
  }
  return true;
}
