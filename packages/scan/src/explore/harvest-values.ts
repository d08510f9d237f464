import { nameResource, nameResourceOfKey, normalizeFieldName } from './name-resource.js';
import type { PooledValue } from './value-pool.js';

const MAX_NODES = 5000;

/**
 * The values of a JSON response body, each under its normalized field name, with the resource it belongs to
 * (from the operation's path for top-level objects and list items, from the key for nested objects). The `id`
 * of resource `account` is also pooled as `accountid`, which is what consumers call it.
 */
export function harvestJson(body: unknown, path: string, identity: string, source: string): PooledValue[] {
  const out: PooledValue[] = [];
  let visited = 0;
  const walk = (node: unknown, resource: string | undefined, depth: number) => {
    if (++visited > MAX_NODES || depth > 12) return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 100)) walk(item, resource, depth + 1);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' || typeof value === 'number') {
        if (typeof value === 'string' && (value.length === 0 || value.length > 200)) continue;
        const normalized = normalizeFieldName(key);
        const base = { value, identity, source, ...(resource === undefined ? {} : { resource }) };
        out.push({ ...base, key: normalized });
        if (normalized === 'id' && resource !== undefined) out.push({ ...base, key: `${resource}id` });
      } else if (value !== null && typeof value === 'object') {
        walk(value, nameResourceOfKey(key) ?? resource, depth + 1);
      }
    }
  };
  walk(body, nameResource(path), 0);
  return out;
}

/** The id at the end of a `Location` header (`/webhooks/17` → `webhookid` = 17), if it has one. */
export function harvestLocation(location: string, identity: string, source: string): PooledValue[] {
  let pathname: string;
  try {
    pathname = new URL(location, 'http://placeholder').pathname;
  } catch {
    return [];
  }
  const segments = pathname.split('/').filter(Boolean);
  const id = segments.at(-1);
  const resource = nameResource(`/${segments.slice(0, -1).join('/')}`);
  if (id === undefined || resource === undefined) return [];
  const value = /^\d+$/.test(id) ? Number(id) : decodeURIComponent(id);
  return [
    { key: 'id', value, identity, source, resource },
    { key: `${resource}id`, value, identity, source, resource },
  ];
}
