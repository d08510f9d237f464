import type { SourceLocation } from '@rampart/core';
import { LineCounter, parseDocument } from 'yaml';
import { locateYamlNode } from './locate-yaml-node.js';

/** Finds settings in a configuration file: by path segments or by JSON pointer. */
export interface ConfigLocator {
  /** The file name as given, and its parsed content (unvalidated; `undefined` when empty or not YAML). */
  readonly file: string;
  readonly data: unknown;
  /** Position of the node at `path` (or of its closest existing ancestor), as a location in the file. */
  locate(path: readonly (string | number)[]): SourceLocation | undefined;
  /** The same for a JSON pointer such as `/gateway/tls/minVersion`. */
  locatePointer(pointer: string): { readonly line: number; readonly column: number } | undefined;
}

/**
 * Parses a configuration file's text once, keeping source positions, to point findings and problems at their
 * line: the config audit's JSON pointers and the gateway's problem paths. Never throws: a file that is not YAML
 * locates nothing (its syntax errors are reported by `parseConfig`).
 */
export function createConfigLocator(text: string, file: string): ConfigLocator {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  let data: unknown;
  try {
    data = document.errors.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined;
  } catch {
    data = undefined;
  }
  const locate = (path: readonly (string | number)[]) => {
    const position = locateYamlNode(document, lineCounter, path);
    return position ? { file, line: position.line, column: position.column } : undefined;
  };
  return {
    file,
    data,
    locate,
    locatePointer(pointer) {
      const segments =
        pointer === ''
          ? []
          : pointer
              .slice(1)
              .split('/')
              .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
              .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const found = locate(segments);
      return found?.line === undefined ? undefined : { line: found.line, column: found.column ?? 1 };
    },
  };
}
