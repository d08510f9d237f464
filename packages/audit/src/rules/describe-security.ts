import type { SecurityRequirement } from '@rampart/openapi';

/**
 * A short human form of an effective security list for messages: `none`, `bearerAuth`,
 * `oauth[pets:read] or apiKey`, `optional (none or bearerAuth)`.
 */
export function describeSecurity(security: readonly SecurityRequirement[]): string {
  if (security.length === 0) return 'none';
  const alternatives = security.map((alternative) => {
    const parts = Object.entries(alternative).map(([scheme, scopes]) =>
      scopes.length === 0 ? scheme : `${scheme}[${scopes.join(', ')}]`,
    );
    return parts.length === 0 ? 'none' : parts.join(' + ');
  });
  return alternatives.join(' or ');
}
