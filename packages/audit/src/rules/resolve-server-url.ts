import type { Server } from '@rampart/openapi';

/**
 * The absolute URL a server entry stands for, with `{variables}` replaced by their defaults; undefined when it
 * is relative (`/api`) or still not a URL.
 */
export function resolveServerUrl(server: Server): URL | undefined {
  const text = server.url.replace(
    /\{([^}]+)\}/g,
    (whole, name: string) => server.variables[name]?.default ?? whole,
  );
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
