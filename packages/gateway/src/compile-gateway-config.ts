import type { SecureContextOptions } from 'node:tls';
import { type Problem, RampartValidationError } from '@rampart/core';
import { type AddressMatcher, createAddressMatcher } from './create-address-matcher.js';
import { createUpstreamSet, type UpstreamSet } from './create-upstream-set.js';
import { POLICY_STAGES, type PolicyHandler, type ResponseHandler } from './define-policy.js';
import { loadTlsContext } from './load-tls-context.js';
import { loadUpstreamTls } from './load-upstream-tls.js';
import { BUILTIN_POLICIES } from './policies/builtin-policies.js';
import type { ResolvedGatewayOptions } from './resolved-gateway-options.js';

/** One policy ready to run. */
export interface CompiledPolicy {
  readonly id: string;
  readonly failMode: 'closed' | 'open';
  readonly handler: PolicyHandler;
}

/** One response handler ready to run. */
export interface CompiledResponsePolicy {
  readonly id: string;
  readonly failMode: 'closed' | 'open';
  readonly handler: ResponseHandler;
}

/**
 * Everything one configuration needs per request, built once: policies in stage order, upstream pools, the
 * trusted-proxy matcher and the TLS context. A request keeps the configuration it started with, so a reload
 * swaps the whole object; `inFlight` lets the old one close its pools after its last request.
 */
export interface CompiledGatewayConfig {
  readonly options: ResolvedGatewayOptions;
  /** Policies of the `accept` and `limits` stages: they run before path normalization. */
  readonly early: readonly CompiledPolicy[];
  /** Policies from the `route` stage on. */
  readonly late: readonly CompiledPolicy[];
  /** Response handlers, in reverse stage order (the policy nearest to the upstream first). */
  readonly response: readonly CompiledResponsePolicy[];
  readonly upstreams: UpstreamSet;
  readonly trusted: AddressMatcher;
  readonly secureContext: SecureContextOptions | undefined;
  /** Response headers every response gets (HSTS). */
  readonly staticHeaders: readonly (readonly [string, string])[];
  inFlight: number;
  retired: boolean;
  /** Closes the upstream pools and releases what the compiled policies hold. */
  release(): Promise<void>;
}

/**
 * Compiles validated options: reads TLS files, compiles every policy (built-in, then custom) and builds the
 * upstream pools. Throws one `RampartValidationError` listing every problem (TLS files, policy configuration,
 * unknown policy ids); on error nothing is left open.
 */
export function compileGatewayConfig(options: ResolvedGatewayOptions): CompiledGatewayConfig {
  const problems: Problem[] = [];
  const secureContext = options.tls ? loadTlsContext(options.tls, problems) : undefined;
  const upstreamTls = options.upstreams.map(({ tls }, i) =>
    tls ? loadUpstreamTls(tls, `upstreams[${i}].tls`, problems) : undefined,
  );

  const all = [...BUILTIN_POLICIES, ...options.customPolicies];
  const ids = new Set<string>();
  for (const policy of all) {
    if (ids.has(policy.id)) throw new TypeError(`gateway options: two policies have the id "${policy.id}"`);
    ids.add(policy.id);
  }
  for (const id of Object.keys(options.policies))
    if (!ids.has(id))
      problems.push({
        path: `policies.${id}`,
        message: 'is not a known policy',
        hint: `known: ${[...ids].join(', ')}`,
      });

  const compiled: (CompiledPolicy & { readonly stage: number })[] = [];
  const responses: (CompiledResponsePolicy & { readonly stage: number })[] = [];
  const closers: (() => void | Promise<void>)[] = [];
  for (const policy of all) {
    const result = policy.compile(options.policies[policy.id], {
      model: options.routing.model,
      options,
      problem: (path, message) =>
        problems.push({
          path: path === '' ? `policies.${policy.id}` : `policies.${policy.id}.${path}`,
          message,
        }),
    });
    const stage = POLICY_STAGES.indexOf(policy.stage);
    const handlers = typeof result === 'function' ? { request: result } : result;
    if (handlers?.request)
      compiled.push({ id: policy.id, failMode: policy.failMode, handler: handlers.request, stage });
    if (handlers?.response)
      responses.push({ id: policy.id, failMode: policy.failMode, handler: handlers.response, stage });
    if (handlers?.close) closers.push(handlers.close);
  }
  const closePolicies = async (): Promise<void> => {
    for (const close of closers.splice(0)) {
      try {
        await close();
      } catch (error) {
        options.logger.warn(`gateway: releasing a policy failed: ${(error as Error)?.message ?? error}`);
      }
    }
  };
  if (problems.length > 0) {
    void closePolicies();
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_INVALID',
      `gateway configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
      problems,
    );
  }
  compiled.sort((a, b) => a.stage - b.stage);
  // Stable sort: within a stage, response handlers run in reverse list order too.
  responses.reverse().sort((a, b) => b.stage - a.stage);
  const routeStage = POLICY_STAGES.indexOf('route');
  const strip = ({ id, failMode, handler }: CompiledPolicy): CompiledPolicy => ({ id, failMode, handler });
  const hsts = options.tls?.hsts;
  const upstreams = createUpstreamSet(options, upstreamTls);
  return {
    options,
    early: compiled.filter((p) => p.stage < routeStage).map(strip),
    late: compiled.filter((p) => p.stage >= routeStage).map(strip),
    response: responses.map(({ id, failMode, handler }) => ({ id, failMode, handler })),
    upstreams,
    trusted: createAddressMatcher(options.trustedProxies),
    secureContext,
    staticHeaders: hsts ? [['strict-transport-security', hsts]] : [],
    inFlight: 0,
    retired: false,
    release: async () => {
      await Promise.all([upstreams.close(), closePolicies()]);
    },
  };
}
