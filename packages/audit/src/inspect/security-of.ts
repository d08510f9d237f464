import type { Operation } from '@rampart/openapi';

/** True when an operation can be called without credentials: no requirement, or an empty `{}` alternative. */
export function allowsAnonymous(operation: Operation): boolean {
  return operation.security.length === 0 || operation.security.some((r) => Object.keys(r).length === 0);
}

/** True when an operation requires some credential (every alternative names at least one scheme). */
export function requiresAuthentication(operation: Operation): boolean {
  return !allowsAnonymous(operation);
}

/** POST, PUT, PATCH and DELETE. */
export function isWriteOperation(operation: Operation): boolean {
  return ['post', 'put', 'patch', 'delete'].includes(operation.method);
}

/** `x-public: true` (or `x-rampart-public: true`) on the operation or its path item marks deliberate public access. */
export function isDeclaredPublic(operation: Operation): boolean {
  return operation.extensions['x-public'] === true || operation.extensions['x-rampart-public'] === true;
}
