/** `['gateway', 'upstreams', 0, 'url']` → `gateway.upstreams[0].url`; the empty path is `(top level)`. */
export function formatConfigPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
