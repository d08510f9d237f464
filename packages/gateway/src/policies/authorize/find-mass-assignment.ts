import type { SchemaNode } from './build-schema-node.js';

/** What a request body tries to set that the caller may not. */
export interface MassAssignment {
  /** JSON pointers of `readOnly` properties present in the body. */
  readonly readOnly: string[];
  /** JSON pointers of privileged properties present in the body. */
  readonly privileged: string[];
}

const MAX_DEPTH = 128;
const MAX_FOUND = 10;

/**
 * Finds properties a request body must not carry (OWASP API3, mass assignment / CWE-915): those the request schema
 * marks `readOnly`, and those whose name (lower-cased, at any depth) is in `privileged`. Reports at most a few of
 * each; returns undefined when there are none.
 */
export function findMassAssignment(
  body: unknown,
  node: SchemaNode | undefined,
  privileged: ReadonlySet<string>,
): MassAssignment | undefined {
  const found: MassAssignment = { readOnly: [], privileged: [] };
  const visit = (value: unknown, at: SchemaNode | undefined, pointer: string, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], at?.items, `${pointer}/${i}`, depth + 1);
      return;
    }
    for (const key of Object.keys(value)) {
      const path = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (at?.readOnly.has(key) && found.readOnly.length < MAX_FOUND) found.readOnly.push(path);
      else if (privileged.has(key.toLowerCase()) && found.privileged.length < MAX_FOUND)
        found.privileged.push(path);
      const child =
        at?.properties?.get(key) ?? (typeof at?.additional === 'object' ? at.additional : undefined);
      visit((value as Record<string, unknown>)[key], child, path, depth + 1);
    }
  };
  visit(body, node, '', 0);
  return found.readOnly.length > 0 || found.privileged.length > 0 ? found : undefined;
}
