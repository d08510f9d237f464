type CompiledSegment =
  | string
  | { readonly name: string }
  | { readonly regex: RegExp; readonly names: string[] };

/** A route template compiled for parameter extraction. */
export interface CompiledRoute {
  readonly segments: readonly CompiledSegment[];
}

/**
 * Compiles `/accounts/{id}/files/{name}.{ext}` once; match with `matchRouteTemplate`. Several parameters in one
 * segment split left-greedy (`a.tar.gz` gives `a.tar` and `gz`), as the gateway's operation index does.
 */
export function compileRouteTemplate(template: string): CompiledRoute {
  const segments: CompiledSegment[] = template.split('/').map((segment) => {
    const open = segment.indexOf('{');
    if (open === -1) return segment;
    if (open === 0 && segment.indexOf('}') === segment.length - 1 && segment.indexOf('{', 1) === -1) {
      return { name: segment.slice(1, -1) };
    }
    const names: string[] = [];
    const source = segment.replace(/\{([^}]*)\}|([^{]+)/g, (_, name: string | undefined, literal: string) => {
      if (name !== undefined) {
        names.push(name);
        return '(.+)';
      }
      return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    return { regex: new RegExp(`^${source}$`), names };
  });
  return { segments };
}

/**
 * The path parameters of `path` under a compiled route, or undefined when they do not line up. Segments are
 * aligned from the right, so a path served under a base path (`/api/v1/accounts/7` for `/accounts/{id}`) still
 * matches. Values are percent-decoded when that is possible.
 */
export function matchRouteTemplate(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const parts = path.split('/');
  const segments = route.segments;
  const offset = parts.length - segments.length;
  if (offset < 0) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i + offset]!;
    if (typeof segment === 'string') {
      if (segment !== part && i > 0) return undefined;
    } else if ('name' in segment) {
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    } else {
      const m = segment.regex.exec(part);
      if (m === null) return undefined;
      segment.names.forEach((name, k) => {
        params[name] = decode(m[k + 1]!);
      });
    }
  }
  return params;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
