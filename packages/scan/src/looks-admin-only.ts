import type { Operation } from '@rampart/openapi';

const ADMIN_SEGMENT =
  /^(admin|administrator|administration|internal|manage|management|backoffice|back-office|staff|superuser|sudo|root|ops|moderation|moderator)$/i;
const ADMIN_WORDS =
  /\b(admin|administrator|administrative|back[- ]?office|staff only|superuser|privileged|all users|every user|internal use)\b/i;

/**
 * True when an operation looks meant for administrators only: a path segment such as `/admin` or `/internal`,
 * an `admin` tag, admin words in its operationId, summary or description, or a security requirement with an
 * admin-like scope (`bearerAuth: [admin]`).
 */
export function looksAdminOnly(operation: Operation): boolean {
  if (operation.path.split('/').some((segment) => ADMIN_SEGMENT.test(segment))) return true;
  if (operation.tags.some((tag) => /admin|internal|backoffice|staff/i.test(tag))) return true;
  if (operation.operationId !== undefined && /^admin|admin[A-Z_]/.test(operation.operationId)) return true;
  if (ADMIN_WORDS.test(`${operation.summary ?? ''} ${operation.description ?? ''}`)) return true;
  return operation.security.some((requirement) =>
    Object.values(requirement).some((scopes) => scopes.some((scope) => /admin|superuser|staff/i.test(scope))),
  );
}
