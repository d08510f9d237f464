import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column in a YAML text. */
export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the node at a problem path such as `identities[2].login.steps[0].json` in a parsed YAML
 * document: of the map key for a map entry (so an unknown or wrong key is pointed at where it is written), of
 * the item for a list entry. A path that does not exist (a missing key) gives its closest existing ancestor.
 */
export function locateYamlPath(
  document: Document,
  lineCounter: LineCounter,
  path: string,
): YamlPosition | undefined {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  let node: unknown = document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
