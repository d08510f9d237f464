/** Leaf `path=value` pairs of a JSON value (array indices dropped, so order does not matter). */
function leaves(value: unknown, prefix: string, out: Set<string>, budget: { n: number }): void {
  if (budget.n-- <= 0) return;
  if (Array.isArray(value)) {
    for (const item of value) leaves(item, `${prefix}[]`, out, budget);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, sub] of Object.entries(value)) leaves(sub, `${prefix}.${key}`, out, budget);
  } else {
    out.add(`${prefix}=${String(value)}`);
  }
}

function tokens(text: string): Set<string> {
  return new Set(
    text
      .split(/[^\p{L}\p{N}_@.-]+/u)
      .filter((t) => t.length > 0)
      .slice(0, 20_000),
  );
}

function parse(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * How alike two response bodies are, from 0 to 1: the Jaccard index of their JSON leaves (`path=value`) when
 * both are JSON, else of their word tokens. Identical bodies score 1; two empty bodies score 1.
 */
export function measureSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ja = parse(a);
  const jb = parse(b);
  let sa: Set<string>;
  let sb: Set<string>;
  if (ja !== undefined && jb !== undefined) {
    sa = new Set();
    sb = new Set();
    leaves(ja, '', sa, { n: 20_000 });
    leaves(jb, '', sb, { n: 20_000 });
  } else {
    sa = tokens(a);
    sb = tokens(b);
  }
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const item of sa) if (sb.has(item)) shared++;
  return shared / (sa.size + sb.size - shared);
}
