/** The first object (depth-first, bounded) in a JSON value whose `id` equals `id` (compared as strings). */
export function findObjectById(value: unknown, id: string | number): Record<string, unknown> | undefined {
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < 10_000) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['id'] !== undefined && String(record['id']) === String(id)) return record;
      stack.push(...Object.values(record));
    }
  }
  return undefined;
}
