import type { Operation } from '@rampart/openapi';

/** True when the operation documents a redirect answer: 301, 302, 303, 307, 308 or `3XX`. */
export function hasRedirectResponse(operation: Operation): boolean {
  return operation.responses.some((r) => /^3(0[1-378]|XX)$/i.test(r.status));
}
