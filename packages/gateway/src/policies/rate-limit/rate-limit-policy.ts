import type { CounterAlgorithm, CounterStore } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import { createConfigReader } from '../../create-config-reader.js';
import {
  type CounterResult,
  createMemoryCounterStore,
  hasSyncConsume,
} from '../../create-memory-counter-store.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import type { RequestContext } from '../../request-context.js';

/** What a rate limit counts per: combined into one key (e.g. `['identity', 'operation']`). */
export type RateLimitKey = 'identity' | 'api-key' | 'ip' | 'operation';

/** One rate limit. Every limit that applies to a request must admit it. */
export interface RateLimitRule {
  /** Name in the `RateLimit`/`RateLimit-Policy` headers, e.g. `per-user`. */
  readonly name: string;
  /**
   * `identity`: the authenticated subject (unauthenticated requests count per client address); `api-key`: the
   * API key's owner (requests without one are not counted); `ip`: the client address; `operation`: the
   * operation (`METHOD /path` of the description, else the method).
   */
  readonly by: readonly RateLimitKey[];
  readonly limit: number;
  readonly windowSeconds: number;
  /** Default `sliding-window`. */
  readonly algorithm?: CounterAlgorithm;
  /** Only these operations (operationId or `METHOD /path`). Default: all. */
  readonly operations?: readonly string[];
  /** Units one request costs. Default 1. */
  readonly cost?: number;
}

/** A business-flow quota (OWASP API6): at most `limit` calls of `operations` per identity per period. */
export interface FlowQuota {
  readonly name: string;
  readonly operations: readonly string[];
  readonly limit: number;
  readonly periodSeconds: number;
  /** Default `fixed-window` (calendar-aligned periods). */
  readonly algorithm?: CounterAlgorithm;
}

/** `policies.rate-limit`. */
export interface RateLimitPolicyConfig {
  readonly limits?: readonly RateLimitRule[];
  readonly quotas?: readonly FlowQuota[];
  /** Send `RateLimit` and `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers) on every response. Default true. */
  readonly headers?: boolean;
  /** When the counter store fails (Redis down): `open` (default) lets requests through, `closed` answers 503. */
  readonly failMode?: 'closed' | 'open';
}

interface CompiledRule {
  readonly name: string;
  readonly by: readonly RateLimitKey[];
  readonly limit: number;
  readonly windowMs: number;
  readonly algorithm: CounterAlgorithm;
  readonly cost: number;
  readonly operations: ReadonlySet<Operation> | undefined;
  readonly quota: boolean;
  /** `"name";q=limit;w=seconds`. */
  readonly policyHeader: string;
}

const KEYS: readonly RateLimitKey[] = ['identity', 'api-key', 'ip', 'operation'];
const ALGORITHMS: readonly CounterAlgorithm[] = ['fixed-window', 'sliding-window', 'token-bucket'];

/**
 * Rate limits and business-flow quotas (OWASP API4, API6; CWE-770, CWE-799) over the `CounterStore` port (memory
 * in one process, Redis across many): per identity, API key, client address and operation, with fixed or sliding
 * windows or token buckets. Every response carries `RateLimit-Policy` and `RateLimit`; a refusal is 429 with
 * `Retry-After`. Counting is atomic in the store, so limits are exact under concurrency.
 */
export const rateLimitPolicy = definePolicy<RateLimitPolicyConfig>({
  id: 'rate-limit',
  stage: 'rate-limit',
  failMode: 'closed',
  description: 'Rate limits per identity, API key, client address and operation, and business-flow quotas.',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['limits', 'quotas', 'headers', 'failMode']);
    const headers = r.bool('headers', true);
    const failOpen = r.oneOf('failMode', ['closed', 'open'], 'open') === 'open';
    const model = context.model;
    const store: CounterStore = context.options.counterStore ?? createMemoryCounterStore();
    const rules: CompiledRule[] = [];
    const names = new Set<string>();
    const resolveOperations = (refs: readonly string[] | undefined, report: (m: string) => void) => {
      if (refs === undefined) return undefined;
      if (!model) {
        report('needs routing.model: operations are looked up in the API description');
        return undefined;
      }
      const set = new Set<Operation>();
      for (const ref of refs) {
        const key = /^[a-z]+ \//i.test(ref)
          ? `${ref.slice(0, ref.indexOf(' ')).toUpperCase()}${ref.slice(ref.indexOf(' '))}`
          : ref;
        const op = model.operations.find((o) => o.operationId === ref || o.key === key);
        if (op) set.add(op);
        else report(`"${ref}" is not an operationId or "METHOD /path" of the description`);
      }
      return set;
    };
    const add = (reader: ReturnType<typeof createConfigReader>, quota: boolean): void => {
      reader.known(
        quota
          ? ['name', 'operations', 'limit', 'periodSeconds', 'algorithm']
          : ['name', 'by', 'limit', 'windowSeconds', 'algorithm', 'operations', 'cost'],
      );
      const name = reader.string('name', { required: true });
      if (name !== undefined && !/^[A-Za-z0-9_.-]+$/.test(name))
        reader.problem('name', `must be a token (letters, digits, "_", ".", "-"), got "${name}"`);
      if (name !== undefined && names.has(name)) reader.problem('name', `"${name}" is used twice`);
      if (name !== undefined) names.add(name);
      const by = quota ? (['identity'] as RateLimitKey[]) : (reader.strings('by', { required: true }) ?? []);
      for (const key of by)
        if (!KEYS.includes(key as RateLimitKey))
          reader.problem('by', `"${key}" is not one of ${KEYS.join(', ')}`);
      if (!quota && reader.has('by') && by.length === 0) reader.problem('by', 'must name at least one key');
      const limit = reader.int('limit', 0, 0, 1_000_000_000);
      if (!reader.has('limit')) reader.problem('limit', 'is required');
      const seconds = quota
        ? reader.int('periodSeconds', 0, 1, 31_536_000)
        : reader.int('windowSeconds', 0, 1, 31_536_000);
      if (!reader.has(quota ? 'periodSeconds' : 'windowSeconds'))
        reader.problem(quota ? 'periodSeconds' : 'windowSeconds', 'is required');
      const algorithm = reader.oneOf('algorithm', ALGORITHMS, quota ? 'fixed-window' : 'sliding-window');
      const operations = resolveOperations(reader.strings('operations', { required: quota }), (m) =>
        reader.problem('operations', m),
      );
      const cost = quota ? 1 : reader.int('cost', 1, 1, 1_000_000);
      if (name === undefined || seconds === 0) return;
      rules.push({
        name,
        by: by as RateLimitKey[],
        limit,
        windowMs: seconds * 1000,
        algorithm,
        cost,
        operations,
        quota,
        policyHeader: `"${name}";q=${limit};w=${seconds}`,
      });
    };
    for (const rule of r.list('limits') ?? []) add(rule, false);
    for (const quota of r.list('quotas') ?? []) add(quota, true);
    if (rules.length === 0) {
      r.problem('', 'needs at least one entry in "limits" or "quotas"');
      return undefined;
    }

    const keyOf = (rule: CompiledRule, ctx: RequestContext): string | undefined => {
      let key = rule.quota ? `quota:${rule.name}` : `limit:${rule.name}`;
      for (const part of rule.by) {
        if (part === 'ip') key += `|ip:${ctx.clientIp}`;
        else if (part === 'operation') key += `|op:${ctx.operation?.key ?? ctx.method}`;
        else if (part === 'api-key') {
          if (ctx.identity?.method !== 'api-key') return undefined;
          key += `|key:${ctx.identity.subject}`;
        } else {
          const identity = ctx.identity;
          key += identity
            ? `|sub:${identity.issuer ?? identity.method}:${identity.subject}`
            : `|ip:${ctx.clientIp}`;
        }
      }
      return key;
    };

    const decide = (
      ctx: RequestContext,
      applicable: readonly CompiledRule[],
      results: readonly CounterResult[],
    ): Denial | undefined => {
      const now = Date.now();
      let refused: { rule: CompiledRule; retryAfter: number } | undefined;
      let policy = '';
      let state = '';
      for (let i = 0; i < applicable.length; i++) {
        const rule = applicable[i] as CompiledRule;
        const result = results[i] as CounterResult;
        const seconds = Math.max(0, Math.ceil((result.resetAt - now) / 1000));
        if (headers) {
          policy = i === 0 ? rule.policyHeader : `${policy}, ${rule.policyHeader}`;
          const item = `"${rule.name}";r=${Math.max(0, result.remaining)};t=${seconds}`;
          state = i === 0 ? item : `${state}, ${item}`;
        }
        if (!result.allowed && (!refused || seconds > refused.retryAfter))
          refused = { rule, retryAfter: Math.max(1, seconds) };
      }
      if (headers) {
        ctx.setResponseHeader('ratelimit-policy', policy);
        ctx.setResponseHeader('ratelimit', state);
      }
      if (!refused) return undefined;
      return {
        status: 429,
        detail: refused.rule.quota
          ? `The quota "${refused.rule.name}" for this operation is used up; try again later.`
          : 'Too many requests; try again later.',
        reason: `${refused.rule.quota ? 'quota' : 'rate limit'} "${refused.rule.name}" exceeded (${refused.rule.limit} per ${refused.rule.windowMs / 1000} s, ${refused.rule.algorithm})`,
        headers: { 'retry-after': String(refused.retryAfter) },
      };
    };
    const storeFailed = (ctx: RequestContext, error: unknown): undefined => {
      if (failOpen) {
        context.options.logger.warn(
          `gateway: rate-limit counters failed; letting request ${ctx.id} through: ${(error as Error)?.message}`,
        );
        return undefined;
      }
      throw error;
    };
    // The in-memory store counts synchronously: no promise per request (the pipeline stays synchronous). Other
    // stores (Redis) go through the asynchronous port. Both count the same way (`consumeSync` is what the memory
    // store's `consume` runs).
    const syncStore = hasSyncConsume(store) ? store : undefined;

    return (ctx) => {
      const applicable: CompiledRule[] = [];
      const keys: string[] = [];
      for (const rule of rules) {
        if (rule.operations && (!ctx.operation || !rule.operations.has(ctx.operation))) continue;
        const key = keyOf(rule, ctx);
        if (key === undefined) continue;
        applicable.push(rule);
        keys.push(key);
      }
      if (applicable.length === 0) return undefined;
      if (syncStore) {
        // Like Promise.all over the memory store's consume: every counter is counted, the first error wins.
        const results: CounterResult[] = [];
        let failure: { error: unknown } | undefined;
        for (let i = 0; i < applicable.length; i++) {
          const rule = applicable[i] as CompiledRule;
          try {
            results.push(
              syncStore.consumeSync(keys[i] as string, rule.cost, rule.limit, rule.windowMs, rule.algorithm),
            );
          } catch (error) {
            failure ??= { error };
          }
        }
        if (failure) return storeFailed(ctx, failure.error);
        return decide(ctx, applicable, results);
      }
      return Promise.all(
        applicable.map((rule, i) =>
          store.consume(keys[i] as string, rule.cost, rule.limit, rule.windowMs, rule.algorithm),
        ),
      ).then(
        (results) => decide(ctx, applicable, results),
        (error: unknown) => storeFailed(ctx, error),
      );
    };
  },
});
