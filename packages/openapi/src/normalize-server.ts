import type { Server, ServerVariable } from './model.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path part of a server URL with `{variables}` replaced by their defaults, without a trailing slash. */
export function normalizeServerBasePath(
  url: string,
  variables: Readonly<Record<string, ServerVariable>>,
): string {
  const substituted = url.replace(/\{([^{}]*)\}/g, (_, name: string) => variables[name]?.default ?? '');
  // Scheme and authority (`https://host:port`, `//host`) go; so do query and fragment.
  const authority = /^(?:[^/?#]*:)?\/\/[^/?#]*/.exec(substituted);
  let path = (authority ? substituted.slice(authority[0].length) : substituted).replace(/[?#].*$/, '');
  if (path !== '' && !path.startsWith('/')) path = `/${path}`;
  return path.replace(/\/+$/, '');
}

/**
 * One Server Object of the model, or undefined when `raw` is not a mapping with a string `url`.
 * Variable defaults are read as strings (`port: 8443` in YAML becomes "8443").
 */
export function normalizeServer(raw: unknown, pointer: string): Server | undefined {
  if (!isRecord(raw) || typeof raw['url'] !== 'string') return undefined;
  const variables: Record<string, ServerVariable> = {};
  if (isRecord(raw['variables'])) {
    for (const [name, variable] of Object.entries(raw['variables'])) {
      if (!isRecord(variable)) continue;
      const values = Array.isArray(variable['enum']) ? variable['enum'].map(String) : undefined;
      const fallback = variable['default'] ?? values?.[0] ?? '';
      variables[name] = {
        default: String(fallback),
        ...(values ? { enum: values } : {}),
        ...(typeof variable['description'] === 'string' ? { description: variable['description'] } : {}),
      };
    }
  }
  return {
    url: raw['url'],
    ...(typeof raw['description'] === 'string' ? { description: raw['description'] } : {}),
    variables,
    basePath: normalizeServerBasePath(raw['url'], variables),
    pointer,
  };
}
