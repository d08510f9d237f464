/** The structure of a JSON body, for "did this answer change beyond natural variation" questions. */
export interface JsonShape {
  /** Every key path (`items[].internal.riskScore`; array items share `[]`), leaves and objects alike. */
  readonly paths: ReadonlySet<string>;
  /** Elements per array path, summed over its occurrences (`items` → 3): more items means more records. */
  readonly arrays: ReadonlyMap<string, number>;
  /** Scalar values by key path (the first few per path), to tell an echo of the input from new data. */
  readonly values: ReadonlyMap<string, readonly string[]>;
}

const MAX_NODES = 20_000;
const MAX_DEPTH = 16;
const VALUES_PER_PATH = 5;

/** The {@link JsonShape} of a JSON text; undefined when it is not JSON (or not an object or array). */
export function describeJsonShape(body: string): JsonShape | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const paths = new Set<string>();
  const values = new Map<string, string[]>();
  const arrays = new Map<string, number>();
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number) => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      arrays.set(path, (arrays.get(path) ?? 0) + node.length);
      for (const item of node) walk(item, `${path}[]`, depth + 1);
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const child = path === '' ? key : `${path}.${key}`;
        paths.add(child);
        walk(value, child, depth + 1);
      }
      return;
    }
    const seen = values.get(path) ?? [];
    if (seen.length < VALUES_PER_PATH) seen.push(String(node));
    values.set(path, seen);
  };
  walk(parsed, '', 0);
  return { paths, arrays, values };
}
