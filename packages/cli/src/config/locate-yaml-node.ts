import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column in a YAML file. */
export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the node at `path` in a parsed YAML document: of its key when `part` is `key` (for unknown
 * keys), else of its value. When the path does not exist in the file (a missing required key, or a value that
 * came from a default), the position of the deepest ancestor that does exist is returned instead.
 */
export function locateYamlNode(
  document: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  part: 'key' | 'value' = 'value',
): YamlPosition | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      offset = last && part === 'key' ? key.range?.[0] : (value?.range?.[0] ?? key.range?.[0]);
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
