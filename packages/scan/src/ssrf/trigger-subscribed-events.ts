import type { CheckContext } from '../check-context.js';
import { buildPooledInput, toRequestInput } from '../explore/build-pooled-input.js';
import { nameResource, singularize } from '../explore/name-resource.js';
import type { IdentitySession } from '../identities/identity-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** Event names in a subscription body: strings like `transfer.created` or `order_paid` in any array property. */
function eventNames(body: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  for (const value of Object.values(body ?? {})) {
    if (!Array.isArray(value)) continue;
    for (const item of value)
      if (typeof item === 'string' && /^[a-z][\w-]*[._:][\w.:-]+$/i.test(item)) out.push(item);
  }
  return out;
}

/**
 * Makes the target emit the events a webhook subscription asked for, so a callback can be observed: for an
 * event `transfer.created` (or `transfer_created`), one POST to the collection of that resource (`/transfers`),
 * filled from the value pool, as `session`. Without event names, nothing is sent. Answers the trigger responses.
 */
export async function triggerSubscribedEvents(
  ctx: CheckContext,
  session: IdentitySession,
  subscription: Record<string, unknown> | undefined,
): Promise<ScanResponse[]> {
  if (ctx.options.readOnly) return [];
  const responses: ScanResponse[] = [];
  const resources = new Set(
    eventNames(subscription).map((e) => singularize(e.split(/[._:]/)[0]!.replace(/[^a-z0-9]/gi, ''))),
  );
  for (const resource of resources) {
    const creator = ctx.model.operations.find(
      (op) =>
        op.method === 'post' && !op.isWebhook && !op.path.includes('{') && nameResource(op.path) === resource,
    );
    if (creator === undefined) continue;
    const input = buildPooledInput(creator, ctx.values, session.name);
    const request = input && ctx.buildRequest(creator, toRequestInput(input));
    if (request === undefined) continue;
    responses.push(await session.send(request));
    if (responses.length >= 3) break;
  }
  return responses;
}
