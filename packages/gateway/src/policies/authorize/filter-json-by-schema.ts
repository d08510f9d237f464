import type { SchemaNode } from './build-schema-node.js';

/** Who is looking, and which property names the policy hides from whom (at any depth). */
export interface FilterViewer {
  /** The caller's roles. */
  readonly roles: ReadonlySet<string>;
  /** Property name → roles allowed to see it (policy `visibleTo`); others do not get it. */
  readonly restricted: ReadonlyMap<string, ReadonlySet<string>>;
  /** Strip properties the schema does not declare (where it declares any). */
  readonly stripUndeclared: boolean;
}

/** Subtrees nested deeper than this are dropped rather than passed unfiltered. */
const MAX_DEPTH = 128;

/**
 * Returns `value` as the viewer may see it (OWASP API3, excessive data exposure / CWE-213): `writeOnly`
 * properties, properties restricted to roles the viewer lacks (`x-rampart-roles`, policy `visibleTo`) and, with
 * `stripUndeclared`, properties the response schema does not declare are removed. Returns the same value when
 * nothing had to go, so an unchanged body is forwarded byte for byte.
 */
export function filterJsonBySchema(
  value: unknown,
  node: SchemaNode | undefined,
  viewer: FilterViewer,
): unknown {
  const result = visit(value, node, viewer, 0);
  return result;
}

function visible(roles: ReadonlySet<string> | undefined, viewer: FilterViewer): boolean {
  if (!roles) return true;
  for (const role of roles) if (viewer.roles.has(role)) return true;
  return false;
}

function visit(value: unknown, node: SchemaNode | undefined, viewer: FilterViewer, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return Array.isArray(value) ? [] : {};
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const filtered = visit(item, node?.items, viewer, depth + 1);
      if (filtered !== item) {
        copy ??= value.slice(0, i);
        copy.push(filtered);
      } else copy?.push(item);
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    let child: SchemaNode | undefined;
    let keep = visible(viewer.restricted.get(key), viewer);
    if (keep && node) {
      if (node.writeOnly.has(key) || !visible(node.roles.get(key), viewer)) keep = false;
      else if (node.properties) {
        child = node.properties.get(key);
        if (!child) {
          const extra = node.additional;
          if (extra === 'strip') keep = !viewer.stripUndeclared;
          else if (extra !== 'keep') child = extra;
        }
      }
    }
    const filtered = keep ? visit(item, child, viewer, depth + 1) : undefined;
    if (!keep || filtered !== item) {
      if (!copy) {
        copy = {};
        for (let j = 0; j < i; j++) copy[keys[j] as string] = record[keys[j] as string];
      }
      if (keep) copy[key] = filtered;
    } else if (copy) copy[key] = item;
  }
  return copy ?? value;
}
