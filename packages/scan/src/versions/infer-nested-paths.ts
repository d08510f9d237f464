import type { Operation } from '@rampart/openapi';
import { nameResource } from '../explore/name-resource.js';
import type { ValuePool } from '../explore/value-pool.js';

/** A nested path the API may serve (or once served) though its description does not list it. */
export interface NestedPathGuess {
  /** `/users/{userId}/accounts`: the parent's item template with the child collection under it. */
  readonly template: string;
  /** The value for the parent's path parameter, one `identity` has seen. */
  readonly path: Readonly<Record<string, string | number>>;
  readonly identity: string;
  /** The documented collection it nests (`GET /accounts`), whose answer it should match. */
  readonly collection: Operation;
}

const lastLiteral = (path: string) =>
  path
    .split('/')
    .filter((s) => s !== '' && !s.includes('{'))
    .at(-1);

/**
 * Nested collections inferred from the description's own templates and the values the scan has seen: for a
 * parent item path (`GET /users/{userId}`, resource `user`) and a documented collection (`GET /accounts`) whose
 * items hold, in an id-like field other than their own id (`ownerId`, `patient_id`, `holderUuid`), a value that is
 * the id of a parent object, `/users/{userId}/accounts` with that parent id. Values of `owners` (in their
 * order) are preferred, so a hit can be checked for their data. At most `limit` guesses.
 */
export function inferNestedPaths(
  operations: readonly Operation[],
  values: ValuePool,
  owners: readonly string[],
  limit = 4,
): NestedPathGuess[] {
  const gets = operations.filter((op) => op.method === 'get' && !op.isWebhook);
  const parents = gets.flatMap((op) => {
    const params = op.parameters.filter((p) => p.in === 'path');
    const match = /^(.*)\/\{([^}]+)\}$/.exec(op.path);
    const resource = nameResource(op.path);
    if (params.length !== 1 || match === null || match[2] !== params[0]!.name || resource === undefined)
      return [];
    return [{ template: op.path, param: match[2]!, resource }];
  });
  const collections = gets.filter((op) => !op.parameters.some((p) => p.in === 'path' && p.required));
  const all = values.all();
  const rank = (identity: string) => {
    const index = owners.indexOf(identity);
    return index === -1 ? owners.length : index;
  };
  const out: NestedPathGuess[] = [];
  for (const parent of parents) {
    // The ids of parent objects: `id` (or `<resource>id`) of answers about that resource.
    const parentIds = new Set(
      all
        .filter((v) => v.resource === parent.resource && (v.key === 'id' || v.key === `${parent.resource}id`))
        .map((v) => String(v.value)),
    );
    if (parentIds.size === 0) continue;
    for (const collection of collections) {
      const child = nameResource(collection.path);
      const segment = lastLiteral(collection.path);
      if (child === undefined || segment === undefined || child === parent.resource) continue;
      const template = `${parent.template}/${segment}`;
      if (gets.some((op) => op.path === template) || out.some((o) => o.template === template)) continue;
      const links = all
        .filter(
          (v) =>
            v.resource === child &&
            v.key !== 'id' &&
            v.key !== `${child}id` &&
            /(id|uuid)$/.test(v.key) &&
            parentIds.has(String(v.value)),
        )
        .sort((a, b) => rank(a.identity) - rank(b.identity));
      const link = links[0];
      if (link === undefined) continue;
      out.push({ template, path: { [parent.param]: link.value }, identity: link.identity, collection });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
