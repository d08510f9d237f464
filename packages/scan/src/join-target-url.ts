/**
 * Joins a path (`/users/me?x=1`) to a target (`https://api.example/base`), keeping the target's base path.
 * An absolute URL is returned as is (the scope guard judges it).
 */
export function joinTargetUrl(target: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const base = target.endsWith('/') ? target.slice(0, -1) : target;
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
