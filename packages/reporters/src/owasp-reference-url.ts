import { OWASP_CATEGORIES, type OwaspCategory } from '@rampart/core';

/**
 * The OWASP page for a 2023 API Security Top 10 category, e.g.
 * `https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/`.
 */
export function owaspReferenceUrl(category: OwaspCategory): string {
  const n = Number(category.slice(3));
  const slug = OWASP_CATEGORIES[category].toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `https://owasp.org/API-Security/editions/2023/en/0xa${n === 10 ? 'a' : n}-${slug}/`;
}
