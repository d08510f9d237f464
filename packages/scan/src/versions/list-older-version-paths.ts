/** One path an older version of an API may have served a documented path at. */
export interface OlderVersionPath {
  /** The whole path from the origin (`/api/v1/patients/{patientId}`). */
  readonly path: string;
  /** Its part before the resource path (`/api/v1`): a random path under it is the "nothing here" control. */
  readonly prefix: string;
}

/** Prefixes retired versions are commonly served under when the current path carries no version. */
const UNVERSIONED_PREFIXES = ['/v1', '/api/v1', '/v0', '/api/v0', '/api', '/old', '/legacy', '/beta'];
const VERSION = /^v(\d{1,3})(?:\.\d+)*$/i;
/** Lower versions tried in place of the current one (`v5` → v4, v3, v2 and always v1). */
const LOWER_VERSIONS = 3;

/**
 * Where an older version of `path` (a path from the origin, base path included: `/api/v2/patients/{id}`) may
 * still answer. When a segment names a version (`v2`, `V3`, `v2.1`), that segment is swapped rather than a
 * prefix stacked on top: lower versions in place (`/api/v1/x`), the previous version at the root (`/v1/x`)
 * and no version at all (`/api/x`). `v1` becomes `v0`. A path without a version segment gets the common old
 * prefixes, both at the origin and, when `basePath` is given, under it (`/v1/x`, `/api/v1/x`, `/api/x`, …).
 * Most likely first; the documented path itself is never returned.
 */
export function listOlderVersionPaths(path: string, basePath = ''): OlderVersionPath[] {
  const segments = path.split('/');
  const at = segments.findIndex((segment) => VERSION.test(segment));
  const out: OlderVersionPath[] = [];
  const add = (prefix: string, rest: string) => {
    const candidate = `${prefix}${rest}`.replace(/\/{2,}/g, '/');
    if (candidate !== path && !out.some((o) => o.path === candidate)) out.push({ path: candidate, prefix });
  };
  if (at === -1) {
    const base = basePath.replace(/\/+$/, '');
    const rest = base !== '' && path.startsWith(base) ? path.slice(base.length) : path;
    for (const prefix of UNVERSIONED_PREFIXES) {
      if (base !== '') add(`${base}${prefix}`, rest);
      add(prefix, rest);
    }
    return out;
  }
  const major = Number(VERSION.exec(segments[at]!)![1]);
  const before = segments.slice(0, at).join('/');
  const rest = segments.slice(at + 1).join('/');
  const tail = rest === '' ? '' : `/${rest}`;
  const lower = major === 0 ? [] : major === 1 ? [0] : [];
  for (let v = major - 1; v >= 1 && lower.length < LOWER_VERSIONS; v--) lower.push(v);
  if (major > 1 && !lower.includes(1)) lower.push(1);
  for (const v of lower) add(`${before}/v${v}`, tail);
  if (before !== '' && lower[0] !== undefined) add(`/v${lower[0]}`, tail);
  if (tail !== '') add(before, tail);
  return out;
}
