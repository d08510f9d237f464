import type { Operation } from '@rampart/openapi';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { sampleSchema } from '../explore/sample-schema.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { assignPathValues } from './assign-path-values.js';
import type { BolaRun } from './create-bola-run.js';
import type { IdParameter } from './describe-id-parameter.js';

/** An object the scan created as its owner, to be deleted by someone else. */
export interface ThrowawayObject {
  /** The values of every id parameter of the delete operation for this object. */
  readonly values: Readonly<Record<string, string | number>>;
}

/**
 * A throwaway object of `owner` that `deleteOperation` (`DELETE /accounts/{accountId}/notes/{noteId}`) can delete:
 * one the scan already created (ownership ledger), else a new one POSTed as the owner to the collection
 * (`/accounts/{accountId}/notes`, with the owner's own parents) with the owner's marker, its id read from the body
 * or the `Location` header and recorded in the ledger with its cleanup. Undefined when none can be had. At most two
 * create requests.
 */
export async function createThrowawayObject(
  run: BolaRun,
  deleteOperation: Operation,
  parameters: readonly IdParameter[],
  owner: IdentitySession,
  used: ReadonlySet<string>,
): Promise<ThrowawayObject | undefined> {
  const { ctx } = run;
  const leaf = parameters.at(-1)!;
  const parents = parameters.slice(0, -1);
  const resource = leaf.resources[0] ?? 'object';
  if (parents.length === 0) {
    const existing = leaf.resources
      .flatMap((r) => ctx.ledger.ownedBy(owner.name, r))
      .find((o) => o.created && !used.has(String(o.id)));
    if (existing !== undefined) return { values: { [leaf.name]: existing.id } };
  }
  const collection = deleteOperation.path.replace(/\/\{[^}]+\}$/, '');
  const create = ctx.model.operations.find((op) => op.method === 'post' && op.path === collection);
  if (create === undefined || parameters.some((p) => p.in !== 'path')) return undefined;
  const parentOptions = assignPathValues(
    parents.map((p) => p.name),
    parents.map((p) => run.valuesOf(p, owner.name)),
    [],
    2,
  );
  const marker = ctx.marker(owner.name);
  const schema = findJsonBodySchema(create);
  const body = schema === undefined ? undefined : sampleSchema(schema, { marker, allProperties: true });
  for (const parentValues of parents.length > 0 ? parentOptions : [{}]) {
    const request = run.request(create, parents, parentValues, {
      marker,
      ...(body === undefined ? {} : { body }),
    });
    if (request === undefined) continue;
    const response = await owner.send(request);
    if (response.status < 200 || response.status >= 300) continue;
    let id: string | number | undefined;
    try {
      const created = JSON.parse(response.body) as Record<string, unknown>;
      const candidate = created?.['id'] ?? created?.[leaf.name];
      if (typeof candidate === 'string' || typeof candidate === 'number') id = candidate;
    } catch {
      // No JSON body: the Location header may still name the object.
    }
    const location = response.headers['location'];
    if (id === undefined && location !== undefined) {
      const last = location.split('?')[0]!.split('/').filter(Boolean).at(-1);
      if (last !== undefined) id = /^\d+$/.test(last) ? Number(last) : decodeURIComponent(last);
    }
    if (id === undefined) return undefined;
    const values = { ...parentValues, [leaf.name]: id };
    const cleanup = run.request(deleteOperation, parameters, values);
    ctx.ledger.record({
      identity: owner.name,
      resource,
      id,
      marker,
      created: true,
      source: create.key,
      ...(cleanup ? { cleanup } : {}),
    });
    return { values };
  }
  return undefined;
}
