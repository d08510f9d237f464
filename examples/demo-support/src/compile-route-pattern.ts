/** A route path such as `/accounts/{id}/cards` as a regular expression, and the names of its parameters in order. */
export interface RoutePattern {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** Compiles a route path with `{name}` segments: each matches one non-empty path segment, the rest literally. */
export function compileRoutePattern(path: string): RoutePattern {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}
