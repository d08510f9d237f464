import type { Operation } from '@rampart/openapi';
import type { Baseline, CheckContext } from '../check-context.js';
import { buildPooledInput, toRequestInput } from '../explore/build-pooled-input.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { buildInjectedRequest } from '../injection/build-injected-request.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { listUrlTargets } from '../ssrf/list-url-targets.js';
import type { ScanRequest } from '../transport/scan-transport.js';

/** An operation that calls the canary's upstream listener, and the request that makes it do so. */
export interface UpstreamConsumer {
  readonly operation: Operation;
  readonly request: ScanRequest;
  /**
   * `provider`: the API calls its configured third party (pointed at the canary's upstream listener) by itself;
   * `url`: the API fetches a URL the caller hands it (here the upstream listener's URL).
   */
  readonly via: 'provider' | 'url';
}

/** What {@link discoverUpstreamConsumers} may look at. */
export interface DiscoverUpstreamOptions {
  /** Also hand URL-taking inputs the upstream listener's URL (default false: provider calls only). */
  readonly urlInputs?: boolean;
}

/** Words of operations that talk to third parties (non-GET ones are only called when they match). */
const INTEGRATION =
  /provider|partner|third[- ]?party|external|integration|upstream|verif|kyc|rates?\b|exchange|currency|convert|\bfx\b|sync|geocod|payment gateway|lookup/i;
const SESSION_ENDING = /log-?out|sign-?out|revoke|logoff/i;
const MAX_CANDIDATES = 30;
const MAX_CONSUMERS = 6;
const MAX_URL_CONSUMERS = 3;
const SYNC_WAIT_MS = 100;

// One discovery per scan (keyed by the scan's baselines array) and identity: every API10 check needs the same
// consumers, and the candidates cost up to 30 requests to find.
const cache = new WeakMap<readonly Baseline[], Map<string, Promise<UpstreamConsumer[]>>>();

/**
 * The operations that call the canary's upstream listener while `session` uses them. Provider calls: each GET
 * the identity can fill (and each other operation named like an integration) is called once while the canary
 * watches. With `urlInputs`, each URL-taking input (query, path, header, body; found as the SSRF checks find
 * them) is handed a tokened upstream URL and kept when the API fetched it while answering; URLs the API only
 * stores (webhooks) are left to the SSRF checks. Results are cached per scan and identity.
 */
export function discoverUpstreamConsumers(
  ctx: CheckContext,
  session: IdentitySession,
  options: DiscoverUpstreamOptions = {},
): Promise<UpstreamConsumer[]> {
  let perScan = cache.get(ctx.baselines);
  if (perScan === undefined) {
    perScan = new Map();
    cache.set(ctx.baselines, perScan);
  }
  const key = `${session.name}\u0000${options.urlInputs === true}`;
  let found = perScan.get(key);
  if (found === undefined) {
    found = discover(ctx, session, options);
    perScan.set(key, found);
  }
  return found;
}

async function discover(
  ctx: CheckContext,
  session: IdentitySession,
  options: DiscoverUpstreamOptions,
): Promise<UpstreamConsumer[]> {
  const canary = ctx.canary;
  if (canary === undefined) return [];
  const urlTargets = listUrlTargets(ctx, session);
  const urlOperations = new Set(urlTargets.map((t) => t.operation));
  const out: UpstreamConsumer[] = [];
  let tried = 0;
  for (const operation of ctx.model.operations) {
    if (tried >= MAX_CANDIDATES || out.length >= MAX_CONSUMERS) break;
    if (operation.isWebhook || urlOperations.has(operation) || looksAdminOnly(operation)) continue;
    if (SESSION_ENDING.test(`${operation.path} ${operation.operationId ?? ''}`)) continue;
    const text = `${operation.path} ${operation.operationId ?? ''} ${operation.summary ?? ''} ${operation.description ?? ''} ${operation.tags.join(' ')}`;
    if (
      operation.method !== 'get' &&
      (ctx.options.readOnly || operation.method === 'delete' || !INTEGRATION.test(text))
    )
      continue;
    const input = buildPooledInput(operation, ctx.values, session.name);
    const request = input && ctx.buildRequest(operation, toRequestInput(input));
    if (request === undefined) continue;
    tried++;
    const mark = canary.mark();
    const response = await session.send(request);
    if (response.status === 429) continue;
    if (canary.hitsSince(mark).some((h) => h.listener === 'upstream'))
      out.push({ operation, request, via: 'provider' });
  }
  if (options.urlInputs !== true) return out;
  let urlConsumers = 0;
  for (const target of urlTargets) {
    if (urlConsumers >= MAX_URL_CONSUMERS) break;
    const point = target.points[0];
    if (point === undefined) continue;
    const token = canary.token(`uc${target.operation.path}`);
    const request = buildInjectedRequest(ctx, target, point, canary.upstreamFor(token));
    if (request === undefined) continue;
    const response = await session.send(request);
    if (response.status === 429 || (response.status >= 400 && response.status < 500)) continue;
    if ((await canary.waitFor(token, SYNC_WAIT_MS)) === undefined) continue;
    out.push({ operation: target.operation, request, via: 'url' });
    urlConsumers++;
  }
  return out;
}
