/** Path segments that name the caller rather than a resource (`/users/me`). */
const SELF_WORDS = new Set(['me', 'self', 'current', 'mine', 'my']);
/** Wrapper keys of list responses that say nothing about the resource (`{ items: [...] }`). */
const GENERIC_KEYS = new Set([
  'items',
  'data',
  'results',
  'result',
  'content',
  'records',
  'list',
  'entries',
  'rows',
  'values',
  'hits',
  'nodes',
  'edges',
  'page',
]);

/** `accounts` → `account`, `policies` → `policy`, `addresses` → `address`; lower case. */
export function singularize(word: string): string {
  const lower = word.toLowerCase();
  if (lower.endsWith('ies') && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (/(sses|shes|ches|xes)$/.test(lower)) return lower.slice(0, -2);
  if (lower.endsWith('s') && !lower.endsWith('ss') && lower.length > 3) return lower.slice(0, -1);
  return lower;
}

/** Lower case with separators removed: `account_id`, `accountId`, `Account-ID` → `accountid`. */
export function normalizeFieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The resource an operation path is about: its last literal segment that is neither a parameter nor a word
 * for the caller, singular (`/users/me` → `user`, `/accounts/{id}/cards` → `card`, `/accounts/{id}` → `account`).
 */
export function nameResource(path: string): string | undefined {
  const literals = path
    .split('/')
    .filter((segment) => segment !== '' && !segment.includes('{') && !SELF_WORDS.has(segment.toLowerCase()))
    .map((segment) => segment.replace(/\.[a-z0-9]+$/i, ''));
  const last = literals.at(-1);
  return last === undefined ? undefined : singularize(last.replace(/[^a-zA-Z0-9]/g, ''));
}

/** The resource named by a JSON key (`accounts` → `account`), or undefined for wrapper keys (`items`). */
export function nameResourceOfKey(key: string): string | undefined {
  return GENERIC_KEYS.has(key.toLowerCase()) ? undefined : singularize(key.replace(/[^a-zA-Z0-9]/g, ''));
}
