import { type ApiModel, createOperationIndex, type Operation, type OperationIndex } from '@rampart/openapi';

const indexes = new WeakMap<ApiModel, OperationIndex>();

/**
 * The described operation a concrete request went to (`GET /accounts/1002` → `GET /accounts/{accountId}`),
 * with the finding location fields for it: `{ operation }` when described, else `{ method, path }`.
 */
export function locateRequest(
  model: ApiModel,
  target: string,
  request: { readonly method: string; readonly url: string },
): { operation: Operation } | { method: string; path: string } {
  let index = indexes.get(model);
  if (index === undefined) {
    index = createOperationIndex(model.operations, { basePaths: [''] });
    indexes.set(model, index);
  }
  const url = new URL(request.url);
  const base = new URL(target).pathname.replace(/\/$/, '');
  const path =
    base !== '' && url.pathname.startsWith(base) ? url.pathname.slice(base.length) || '/' : url.pathname;
  const match = index.match(request.method, path);
  return match ? { operation: match.operation } : { method: request.method.toUpperCase(), path };
}
