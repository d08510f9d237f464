import { isAbsolute, relative, sep } from 'node:path';

/**
 * A document path as a person wants to read it: relative to `baseDir` (forward slashes) when it lies under it,
 * unchanged otherwise (URLs, paths elsewhere). Relative `file:line:col` text is what terminals and editors
 * turn into links.
 */
export function displayPath(file: string, baseDir: string): string {
  if (!isAbsolute(file) || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const rel = relative(baseDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}
