import type { SchemaNodeUse } from './index-schema-uses.js';

/** The property name a schema node is the value of (`properties.<name>`), or undefined for items, roots… */
export function propertyNameOf(use: Pick<SchemaNodeUse, 'keywordPath'>): string | undefined {
  const path = use.keywordPath;
  return path.length >= 2 && path[path.length - 2] === 'properties' ? path[path.length - 1] : undefined;
}
