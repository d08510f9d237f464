/**
 * OWASP API Security Top 10, 2023 edition (https://owasp.org/API-Security/editions/2023/en/0x11-t10/).
 * Injection is not a category of its own in the 2023 list; findings about it carry `API8` (misconfiguration
 * lets it through) or `API10` where the source is a third-party API, plus the `injection` tag.
 */
export const OWASP_CATEGORIES = {
  API1: 'Broken Object Level Authorization',
  API2: 'Broken Authentication',
  API3: 'Broken Object Property Level Authorization',
  API4: 'Unrestricted Resource Consumption',
  API5: 'Broken Function Level Authorization',
  API6: 'Unrestricted Access to Sensitive Business Flows',
  API7: 'Server Side Request Forgery',
  API8: 'Security Misconfiguration',
  API9: 'Improper Inventory Management',
  API10: 'Unsafe Consumption of APIs',
} as const;

export type OwaspCategory = keyof typeof OWASP_CATEGORIES;

export const OWASP_CATEGORY_IDS = Object.keys(OWASP_CATEGORIES) as OwaspCategory[];

export function isOwaspCategory(value: unknown): value is OwaspCategory {
  return typeof value === 'string' && Object.hasOwn(OWASP_CATEGORIES, value);
}

/** `API1:2023 Broken Object Level Authorization` */
export function describeOwaspCategory(category: OwaspCategory): string {
  return `${category}:2023 ${OWASP_CATEGORIES[category]}`;
}
