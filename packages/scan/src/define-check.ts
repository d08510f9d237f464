import { isOwaspCategory, isSeverity } from '@rampart/core';
import type { ScanCheck } from './check-context.js';

/**
 * Declares a scan check. Validates the metadata at definition time (a misuse is a `TypeError`, thrown when
 * the module loads) and freezes the result.
 */
export function defineCheck(check: ScanCheck): ScanCheck {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(check.id))
    throw new TypeError(`check id must be kebab-case, got "${check.id}"`);
  if (!isSeverity(check.severity))
    throw new TypeError(`check ${check.id}: unknown severity "${check.severity}"`);
  if (!isOwaspCategory(check.owasp))
    throw new TypeError(`check ${check.id}: unknown OWASP category "${check.owasp}"`);
  if (!Number.isInteger(check.cwe) || check.cwe <= 0)
    throw new TypeError(`check ${check.id}: cwe must be a positive integer`);
  if (typeof check.run !== 'function') throw new TypeError(`check ${check.id}: run must be a function`);
  return Object.freeze({ ...check });
}
