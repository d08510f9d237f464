/** The URL of an operation on a running target: origin + templated path, percent-encoded (`%7Bid%7D`). */
export function targetUri(target: string, path: string | undefined): string {
  const base = target.endsWith('/') ? target.slice(0, -1) : target;
  const joined = path === undefined ? target : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  const encoded = encodeURI(joined);
  try {
    return new URL(encoded).href;
  } catch {
    return encoded;
  }
}
