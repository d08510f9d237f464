import type { ApiModel, Operation } from '@rampart/openapi';

/**
 * How the owner re-reads an object after someone else wrote or deleted it: a GET of the same path (`whole`: the
 * body is the object), else a GET of its collection (`/accounts/{accountId}/notes` for
 * `/accounts/{accountId}/notes/{noteId}`), where the object is found by id. Undefined when neither exists.
 */
export function findReread(
  model: ApiModel,
  operation: Operation,
): { operation: Operation; whole: boolean } | undefined {
  const same = model.operations.find((op) => op.method === 'get' && op.path === operation.path);
  if (same) return { operation: same, whole: true };
  const collection = operation.path.replace(/\/\{[^}]+\}$/, '');
  if (collection === operation.path) return undefined;
  const list = model.operations.find((op) => op.method === 'get' && op.path === collection);
  return list ? { operation: list, whole: false } : undefined;
}
