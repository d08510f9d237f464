import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The `file:` URI of a directory, with the trailing slash SARIF requires of a base URI. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
