import type { Operation } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';

const ADMIN_TAG_WORDS = new Set(['admin', 'administration', 'administrator', 'internal']);
/** Words a tag may add around the admin word and still be about admin-only operations ("Admin API", "Internal tools"). */
const TAG_FILLER = new Set([
  'api',
  'apis',
  'only',
  'endpoints',
  'operations',
  'tools',
  'panel',
  'console',
  'area',
  'functions',
]);

/** A tag that is about admin operations ("Admin", "admin-api", "Internal"), not about admins as a resource. */
function isAdminTag(tag: string): boolean {
  const words = wordsOf(tag);
  return (
    words.some((w) => ADMIN_TAG_WORDS.has(w)) &&
    words.every((w) => ADMIN_TAG_WORDS.has(w) || TAG_FILLER.has(w))
  );
}
const ADMIN_PHRASE =
  /\b(admins?|administrators?|superusers?|staff|operators?)[- ]only\b|\bonly (available )?(to|for|by) (an? )?(admins?|administrators?|superusers?|site admins?|staff)\b|\brequires? (an? )?(admin|administrator|superuser)\b|\b(admin|administrator|superuser) (privileges?|rights|role|permissions?|access) (is |are )?required\b|\bfor internal use only\b|\binternal use only\b/i;

const described = new WeakMap<Operation, boolean>();

/**
 * True when an operation says it is for administrators only: an admin/internal tag, `admin` in its operationId, or
 * a phrase such as "admin only", "requires administrator", "internal use only" in its summary or description.
 */
export function isAdminDescribed(operation: Operation): boolean {
  // Several rules ask for every operation, and the phrase test runs over whole descriptions: once per operation.
  let admin = described.get(operation);
  if (admin === undefined) {
    admin = computeAdminDescribed(operation);
    described.set(operation, admin);
  }
  return admin;
}

function computeAdminDescribed(operation: Operation): boolean {
  if (operation.tags.some(isAdminTag)) return true;
  // `adminGetStats`, `admin_list_users`: the admin word leads the operationId (not `listOrganizationAdminAccounts`).
  if (operation.operationId !== undefined && wordsOf(operation.operationId)[0] === 'admin') return true;
  return ADMIN_PHRASE.test(`${operation.summary ?? ''}\n${operation.description ?? ''}`);
}
