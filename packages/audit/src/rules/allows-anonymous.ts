import type { SecurityRequirement } from '@rampart/openapi';

/**
 * True when an effective security list lets an unauthenticated caller in: it is empty (no security), or one of
 * its alternatives is `{}` (authentication optional).
 */
export function allowsAnonymous(security: readonly SecurityRequirement[]): boolean {
  return security.length === 0 || security.some((alternative) => Object.keys(alternative).length === 0);
}
