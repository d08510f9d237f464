import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { nameResource } from '../explore/name-resource.js';
import type { IdentitySession } from '../identities/identity-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/**
 * Records an object a check created (a webhook subscription) in the ownership ledger with its DELETE, so the
 * scan removes it at the end. Does nothing when the answer has no id or the API has no DELETE for it.
 */
export function recordCreatedObject(
  ctx: CheckContext,
  session: IdentitySession,
  creator: Operation,
  response: ScanResponse,
): void {
  if (response.status < 200 || response.status >= 300) return;
  let id: unknown;
  try {
    id = (JSON.parse(response.body) as Record<string, unknown>)['id'];
  } catch {
    id = response.headers['location']?.split('/').filter(Boolean).at(-1);
  }
  if (typeof id !== 'string' && typeof id !== 'number') return;
  const item = ctx.model.operations.find(
    (op) =>
      op.method === 'delete' &&
      op.path.startsWith(`${creator.path}/{`) &&
      op.path.indexOf('}') === op.path.length - 1,
  );
  const param = item?.parameters.find((p) => p.in === 'path');
  const cleanup = item && param && ctx.buildRequest(item, { path: { [param.name]: id } });
  ctx.ledger.record({
    identity: session.name,
    resource: nameResource(creator.path) ?? 'object',
    id,
    created: true,
    source: creator.key,
    ...(cleanup ? { cleanup } : {}),
  });
}
