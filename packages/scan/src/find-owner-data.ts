import type { ValuePool } from './explore/value-pool.js';

/**
 * Distinctive values in `body` that `owner` has seen and `attacker` never has: the proof that a response
 * carries the owner's data. Short or common values (`EUR`, `true`, small numbers) and `exclude` (the ids the
 * attacker itself put in the request) do not count.
 */
export function findOwnerData(
  body: string,
  values: ValuePool,
  owner: string,
  attacker: string,
  exclude: ReadonlyArray<string | number> = [],
  limit = 3,
): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const excluded = new Set(exclude.map(String));
  const found: string[] = [];
  const stack: unknown[] = [parsed];
  let visited = 0;
  while (stack.length > 0 && found.length < limit && visited++ < 10_000) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') stack.push(...Object.values(node));
    else if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      const distinctive = typeof node === 'string' ? node.length >= 6 : Math.abs(node) >= 100;
      if (!distinctive || excluded.has(text) || found.includes(text)) continue;
      if (values.hasSeen(owner, node) && !values.hasSeen(attacker, node)) found.push(text);
    }
  }
  return found;
}
