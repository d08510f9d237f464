import type { Operation, SecurityRequirement } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { describeSecurity } from '../describe-security.js';
import { isRequirementSubset } from '../is-requirement-subset.js';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const READ_METHODS = new Set(['get', 'head']);

/** `/pets/{id}` and `/pets` are one resource (item and collection); anything deeper is another. */
function resourceKey(path: string): string {
  return path.replace(/\/\{[^/]*\}\/?$/, '').replace(/\/$/, '');
}

/**
 * Many descriptions list every scope that may call a read (`[pets, pets.readonly]`, or all of an API's scopes),
 * meaning "any of", although OpenAPI reads the list as "all of". So scope lists are only compared when the write
 * asks for no scope at all on a scheme the read scopes: a write that names a scope of its own is not counted as
 * weaker because a read lists more.
 */
function isScopeListing(write: SecurityRequirement, read: SecurityRequirement): boolean {
  if (Object.keys(read).some((scheme) => write[scheme] === undefined)) return false;
  return Object.entries(read).every(
    ([scheme, scopes]) => scopes.length === 0 || (write[scheme]?.length ?? 0) > 0,
  );
}

function alternatives(operation: Operation): readonly SecurityRequirement[] {
  return operation.security.length === 0 ? [{}] : operation.security;
}

/**
 * The first read that asks for strictly more than some way of calling `write`: an alternative `a` of the write is
 * a strict subset of an alternative of the read, and no alternative of the read is satisfied by `a` alone. A
 * caller holding exactly `a` can then change the resource but not read it.
 */
function strongerRead(write: Operation, reads: readonly Operation[]): Operation | undefined {
  for (const a of alternatives(write)) {
    for (const read of reads) {
      const readAlternatives = alternatives(read);
      if (readAlternatives.some((b) => isRequirementSubset(b, a))) continue;
      if (readAlternatives.some((b) => isRequirementSubset(a, b) && !isScopeListing(a, b))) return read;
    }
  }
  return undefined;
}

export const destructiveOperationWeakerThanRead = defineRule({
  id: 'destructive-operation-weaker-than-read',
  title: 'Write operation guarded more weakly than reads of the same resource',
  severity: 'high',
  scope: 'operation',
  owasp: 'API5',
  cwe: 285,
  confidence: 'firm',
  description:
    'A DELETE, PUT, PATCH or POST on a resource accepts less than a GET of the same resource (the same path, or ' +
    'the collection/item pair `/x` and `/x/{id}`): fewer security schemes, fewer OAuth scopes, or optional or no ' +
    'authentication. Whoever holds the weaker credential can change or destroy data they are not even allowed ' +
    'to read: a function-level authorization gap, usually a forgotten scope on the write.',
  remediation:
    'Require at least the schemes and scopes of the read on every write of the same resource (typically a ' +
    'dedicated write or admin scope), in the operation `security` or the document default.',
  check({ model, report }) {
    const byResource = new Map<string, Operation[]>();
    for (const operation of model.operations) {
      const key = resourceKey(operation.path);
      const list = byResource.get(key);
      if (list === undefined) byResource.set(key, [operation]);
      else list.push(operation);
    }
    for (const operations of byResource.values()) {
      const reads = operations.filter((o) => READ_METHODS.has(o.method));
      if (reads.length === 0) continue;
      for (const write of operations) {
        if (!WRITE_METHODS.has(write.method)) continue;
        const read = strongerRead(write, reads);
        if (read === undefined) continue;
        report({
          message:
            `${write.key} accepts ${describeSecurity(write.security)} but ${read.key} on the same resource ` +
            `requires ${describeSecurity(read.security)}: a caller who may not read the resource can change it; ` +
            "require at least the read's schemes and scopes on the write",
          pointer: write.pointer,
          operation: write,
          snippet: describeSecurity(write.security),
        });
      }
    }
  },
});
