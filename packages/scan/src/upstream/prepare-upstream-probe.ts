import { buildUpstreamBody, collectVocabulary } from '../build-upstream-body.js';
import type { Canary } from '../canary/canary.js';
import type { CheckContext } from '../check-context.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { discoverUpstreamConsumers, type UpstreamConsumer } from './discover-upstream-consumers.js';

/** What a check needs to play the API's third party: the canary, who calls, whom to call, a normal answer. */
export interface UpstreamProbe {
  readonly canary: Canary;
  readonly session: IdentitySession;
  readonly consumers: readonly UpstreamConsumer[];
  /** A well-formed provider answer built from the description's vocabulary and the values seen so far. */
  readonly benign: Record<string, unknown>;
}

/**
 * The common start of the upstream checks: undefined when there is no canary, no authenticated identity, or no
 * operation that fetches a provider or a caller-supplied URL.
 */
export async function prepareUpstreamProbe(ctx: CheckContext): Promise<UpstreamProbe | undefined> {
  const canary = ctx.canary;
  if (canary === undefined) return undefined;
  const session = selectInjectionSession(ctx);
  if (session.anonymous) return undefined;
  const consumers = await discoverUpstreamConsumers(ctx, session, { urlInputs: true });
  if (consumers.length === 0) return undefined;
  const benign = buildUpstreamBody(
    consumers.map((c) => c.operation),
    collectVocabulary(
      ctx.model,
      ctx.values.all().map((v) => v.value),
    ),
  );
  return { canary, session, consumers, benign };
}
