import { RampartError } from '@rampart/core';
import type { LoadLimits } from './resolve-load-limits.js';
import { parseJsonDocument } from './parse-json-document.js';
import { parseYamlDocument } from './parse-yaml-document.js';

/** Where a node of a parsed document is: 1-based line and column, and its JSON pointer in that document. */
export interface NodePosition {
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
}

/** One parsed file or URL: its value and the source position of each of its object and array nodes. */
export interface SourceDocument {
  /** Absolute `file:` or `http(s):` URL: the identity of the document and the base of its relative `$ref`s. */
  readonly url: string;
  /** How messages name the document (the path as given, or relative to the working directory, or the URL). */
  readonly name: string;
  /** The parsed value, exactly as written (YAML aliases become shared objects). */
  readonly value: unknown;
  /** True when no object of `value` is reachable by two paths (parsed JSON), so walks need not track visits. */
  readonly tree?: boolean;
  /** Position of an object or array node of `value`. */
  locateNode(node: object): NodePosition | undefined;
  /** Position of the member `key` (a property name, or an array index) of an object or array node. */
  locateMember(node: object, key: string): NodePosition | undefined;
  /** False when no object of the document can have a member named `name` (see `mayHaveMember`). */
  mayHaveMember(name: string): boolean;
}

const JSON_NAME = /\.json$/i;
const YAML_NAME = /\.ya?ml$/i;

/**
 * Parses a document's text as JSON (when it looks like JSON: `JSON.parse` is fast on big files, positions are
 * computed lazily) or YAML, under the load's limits. Throws `RAMPART_ERR_OPENAPI_PARSE` with the position of the
 * first syntax error, or `RAMPART_ERR_OPENAPI_LIMIT`.
 */
export function parseSourceDocument(
  text: string,
  url: string,
  name: string,
  limits: LoadLimits,
): SourceDocument {
  // A byte-order mark becomes a space, so offsets (and columns) stay those of the file.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const path = url.replace(/[?#].*$/, '');
  const first = /\S/.exec(source)?.[0];
  const looksJson = JSON_NAME.test(path) || (!YAML_NAME.test(path) && (first === '{' || first === '['));
  // An empty file goes to YAML, whose empty document (null) gets the "not an API description" explanation.
  if (!looksJson || first === undefined) return parseYamlDocument(source, url, name, limits);
  try {
    return parseJsonDocument(source, url, name, limits);
  } catch (error) {
    // Flow-style YAML can start with `{`; a file not named .json gets a second chance as YAML.
    if (
      !(error instanceof RampartError) ||
      error.code !== 'RAMPART_ERR_OPENAPI_PARSE' ||
      JSON_NAME.test(path)
    ) {
      throw error;
    }
    try {
      return parseYamlDocument(source, url, name, limits);
    } catch {
      throw error;
    }
  }
}
