import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The base id SARIF consumers (GitHub code scanning, VS Code SARIF viewer) resolve against the checkout. */
export const SRCROOT = '%SRCROOT%';

/** A SARIF `artifactLocation`. */
export interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/**
 * Where a document is, as SARIF wants it: a relative, percent-encoded URI with `uriBaseId: %SRCROOT%` when the
 * file is under `baseDir` (so code scanning can match it to the repository), an absolute `file:` URI when it is
 * elsewhere, and the URL itself for documents loaded over HTTP. Relative paths are resolved against the working
 * directory first.
 */
export function toArtifactLocation(file: string, baseDir: string): ArtifactLocation {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    try {
      return { uri: new URL(file).href };
    } catch {
      return { uri: encodeURI(file) };
    }
  }
  // Relative paths are as the user typed them, i.e. relative to the working directory, not to baseDir.
  const absolute = isAbsolute(file) ? normalize(file) : resolve(file);
  const rel = relative(baseDir, absolute);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolute).href };
}
