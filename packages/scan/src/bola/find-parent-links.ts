import { normalizeFieldName } from '../explore/name-resource.js';
import type { IdParameter } from './describe-id-parameter.js';

/** A child object and the parent it belongs to (`transaction 70006` of `account 1002`). */
export interface ParentLink {
  readonly parent: string | number;
  readonly child: string | number;
}

/** What an identity's own responses say about which child belongs to which parent. */
export interface ParentLinkEvidence {
  /** Response bodies (parsed JSON) of the identity. */
  readonly bodies: readonly unknown[];
  /** Lists fetched under one parent (`GET /accounts/1002/transactions`): the parent's value and the body. */
  readonly listings: ReadonlyArray<{ readonly parent: string | number; readonly body: unknown }>;
  readonly parent: IdParameter;
  readonly child: IdParameter;
}

const MAX_NODES = 5000;
const scalar = (value: unknown): value is string | number =>
  (typeof value === 'string' && value !== '') || typeof value === 'number';

/** Objects (depth-first, bounded) in a JSON value. */
function objectsOf(value: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const stack = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === 'object') {
      out.push(node as Record<string, unknown>);
      stack.push(...Object.values(node));
    }
  }
  return out;
}

/** The value of the first key of `object` whose normalized name is one of `names`. */
function pick(object: Record<string, unknown>, names: readonly string[]): string | number | undefined {
  for (const [key, value] of Object.entries(object))
    if (names.includes(normalizeFieldName(key)) && scalar(value)) return value;
  return undefined;
}

/**
 * Parent-child pairs for a nested path (`/accounts/{accountId}/transactions/{transactionId}`) from an identity's
 * own responses: objects that carry both the child's identifier (`id`, `transactionId`) and a reference to the
 * parent (`accountId`), and items of lists fetched under one parent. Pairs let the scan build the owner's valid
 * full path without trying every combination.
 */
export function findParentLinks(evidence: ParentLinkEvidence): ParentLink[] {
  const links: ParentLink[] = [];
  const add = (parent: string | number, child: string | number) => {
    if (!links.some((l) => String(l.parent) === String(parent) && String(l.child) === String(child)))
      links.push({ parent, child });
  };
  const childNames = [...evidence.child.keys, evidence.child.field];
  const parentNames = evidence.parent.keys;
  for (const body of evidence.bodies) {
    for (const object of objectsOf(body)) {
      const parent = pick(object, parentNames);
      const child = pick(object, childNames);
      if (parent !== undefined && child !== undefined && String(parent) !== String(child)) add(parent, child);
    }
  }
  for (const { parent, body } of evidence.listings) {
    for (const object of objectsOf(body)) {
      const child = pick(object, childNames);
      if (child !== undefined && String(parent) !== String(child)) add(parent, child);
    }
  }
  return links;
}
