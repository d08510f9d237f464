import { fileURLToPath } from 'node:url';

/** A `$ref` split into the document it names (absolute URL, no fragment) and the JSON pointer inside it. */
export interface RefTarget {
  readonly documentUrl: string;
  readonly pointer: string;
}

/**
 * Resolves a `$ref` string against the URL of the document that contains it. Returns a reason string when the
 * reference is malformed or names something other than a JSON pointer (plain-name `#anchor` fragments).
 */
export function resolveRefUrl(ref: string, baseUrl: string): RefTarget | string {
  const hash = ref.indexOf('#');
  const address = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    return `the fragment "#${fragment}" has a malformed %-escape`;
  }
  if (pointer !== '' && !pointer.startsWith('/')) {
    return `"#${fragment}" is a plain-name fragment ($anchor), which Rampart does not resolve; use a JSON pointer such as "#/components/schemas/Name"`;
  }
  if (address === '') return { documentUrl: baseUrl.replace(/#.*$/, ''), pointer };
  let url: URL;
  try {
    url = new URL(address, baseUrl);
  } catch {
    return `"${address}" is not a valid relative or absolute URL`;
  }
  url.hash = '';
  if (url.protocol === 'file:') {
    try {
      fileURLToPath(url);
    } catch {
      return `"${address}" does not name a valid file path`;
    }
  }
  return { documentUrl: url.href, pointer };
}
