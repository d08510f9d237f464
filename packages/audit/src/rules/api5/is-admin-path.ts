import { wordsOf } from '../../classify-name.js';

/** Words that make a segment admin-like when they lead it (`/admin`, `/admin-api`, `/backoffice`). */
const ADMIN_WORDS = new Set([
  'admin',
  'administration',
  'administrator',
  'actuator',
  'backoffice',
  'superuser',
  'sudo',
]);
/** What may follow the admin word in the same segment: `/admin-api`, `/adminPanel`; not `/adminDivisions`. */
const ADMIN_SUFFIX = new Set(['api', 'panel', 'console', 'portal', 'ui', 'tools', 'area', 'v1', 'v2', 'v3']);
/** Words that do only as a whole segment: `/internal`, `/manage`, `/ops`, `/debug` (not `/internal-notes`). */
// Not `management`: Google-style "Management APIs" manage the caller's own resources.
const ADMIN_SEGMENTS = new Set(['internal', 'manage', 'ops', 'debug', 'mgmt']);

const adminPaths = new Map<string, boolean>();

/**
 * True when a path has an admin or internal-looking literal segment (`/admin`, `/internal`, `/manage`,
 * `/actuator`, `/ops`, `/debug`, `/backoffice`…). Path parameters are ignored.
 */
export function isAdminPath(path: string): boolean {
  // Asked for every operation by several rules; paths repeat across methods.
  let admin = adminPaths.get(path);
  if (admin === undefined) {
    admin = computeAdminPath(path);
    if (adminPaths.size >= 50_000) adminPaths.clear();
    adminPaths.set(path, admin);
  }
  return admin;
}

function computeAdminPath(path: string): boolean {
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment.startsWith('{')) continue;
    const words = wordsOf(segment);
    if (ADMIN_WORDS.has(words[0] ?? '') && words.slice(1).every((w) => ADMIN_SUFFIX.has(w))) return true;
    if (words.length === 1 && ADMIN_SEGMENTS.has(words[0]!)) return true;
  }
  return false;
}
