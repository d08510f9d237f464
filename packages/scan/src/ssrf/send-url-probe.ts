import type { CanaryHit } from '../canary/canary.js';
import type { CheckContext } from '../check-context.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { buildInjectedRequest } from '../injection/build-injected-request.js';
import type { InjectionPoint, InjectionTarget } from '../injection/list-injection-targets.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { recordCreatedObject } from './record-created-object.js';
import { triggerSubscribedEvents } from './trigger-subscribed-events.js';

/** What one URL handed to the API led to. */
export interface UrlProbeResult {
  readonly request: ScanRequest;
  readonly response: ScanResponse;
  /** The canary hit carrying `token`, when the API (or something it triggered) fetched the URL. */
  readonly hit: CanaryHit | undefined;
  /** Requests sent to make a stored URL be called (a webhook's events), when there were any. */
  readonly triggers: readonly ScanResponse[];
}

/** How long to wait for a callback after the answer, and after triggering a stored URL's events. */
const SYNC_WAIT_MS = 100;
const ASYNC_WAIT_MS = 2000;

/**
 * Hands `url` (carrying `token`) to the API through `point` and waits for the canary to see `token`. A URL the
 * API only stores (a webhook) is made to fire: the subscription's events are triggered and the callback waited
 * for. Created subscriptions are recorded for cleanup.
 */
export async function sendUrlProbe(
  ctx: CheckContext,
  session: IdentitySession,
  target: InjectionTarget,
  point: InjectionPoint,
  url: string,
  token: string,
  /** Tokens whose hit also ends the wait (the first hop of a redirect chain that was not followed). */
  stopOn: readonly string[] = [],
): Promise<UrlProbeResult | undefined> {
  const canary = ctx.canary;
  const request = buildInjectedRequest(ctx, target, point, url);
  if (canary === undefined || request === undefined) return undefined;
  const response = await session.send(request);
  // A refused URL (4xx) is not fetched later; anything else may be fetched while or just after answering.
  const refused = response.status >= 400 && response.status < 500;
  let hit = await canary.waitFor(token, refused ? 0 : SYNC_WAIT_MS);
  let triggers: ScanResponse[] = [];
  const stored = response.status >= 200 && response.status < 300 && target.operation.method !== 'get';
  if (stored) recordCreatedObject(ctx, session, target.operation, response);
  if (hit === undefined && stored) {
    let body: Record<string, unknown> | undefined;
    try {
      body = { ...(target.base.body ?? {}), ...(JSON.parse(response.body) as Record<string, unknown>) };
    } catch {
      body = target.base.body;
    }
    triggers = await triggerSubscribedEvents(ctx, session, body);
    if (triggers.length > 0) {
      const first = await canary.waitFor([token, ...stopOn], ASYNC_WAIT_MS);
      hit = first?.token === token ? first : await canary.waitFor(token, SYNC_WAIT_MS);
    }
  }
  return { request, response, hit, triggers };
}
