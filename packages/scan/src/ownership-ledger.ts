import type { ScanRequest } from './transport/scan-transport.js';

/** An object an identity owns: seen in its own listings, or created by the scan with a marker. */
export interface OwnedObject {
  readonly identity: string;
  readonly resource: string;
  readonly id: string | number;
  /** The unique marker written into the object when the scan created it. */
  readonly marker?: string;
  /** True when the scan created it (and must clean it up). */
  readonly created: boolean;
  /** The operation that produced it (`GET /accounts`, `POST /webhooks`). */
  readonly source: string;
  /** The request (without credentials) that deletes it, sent as the owner at the end of the scan. */
  readonly cleanup?: ScanRequest;
}

/** Who owns which object ids. Created objects are cleaned up in reverse order of creation. */
export interface OwnershipLedger {
  record(object: OwnedObject): void;
  /** Objects of `identity`, optionally of one resource, in the order recorded. */
  ownedBy(identity: string, resource?: string): OwnedObject[];
  /** Owners of `(resource, id)`; several when identities share an object. */
  ownersOf(resource: string, id: string | number): string[];
  /** Objects the scan created, newest first (the order to delete them in). */
  createdNewestFirst(): OwnedObject[];
}

/** An empty {@link OwnershipLedger}. */
export function createOwnershipLedger(): OwnershipLedger {
  const objects: OwnedObject[] = [];
  const same = (a: OwnedObject, b: OwnedObject) =>
    a.identity === b.identity && a.resource === b.resource && String(a.id) === String(b.id);
  return {
    record(object) {
      const existing = objects.findIndex((o) => same(o, object));
      if (existing < 0) objects.push(object);
      else if (object.created) objects[existing] = object;
    },
    ownedBy: (identity, resource) =>
      objects.filter((o) => o.identity === identity && (resource === undefined || o.resource === resource)),
    ownersOf: (resource, id) =>
      objects.filter((o) => o.resource === resource && String(o.id) === String(id)).map((o) => o.identity),
    createdNewestFirst: () => objects.filter((o) => o.created).reverse(),
  };
}
