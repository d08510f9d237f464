import type { ApiModel } from '@rampart/openapi';
import type { RequestContext, UpstreamResponse } from './request-context.js';
import type { ResolvedGatewayOptions } from './resolved-gateway-options.js';

/**
 * The stages of the gateway's request lifecycle, in the fixed order they run (DESIGN.md). Forwarding follows the
 * last stage; response validation and event emission follow forwarding.
 */
export const POLICY_STAGES = [
  'accept',
  'limits',
  'route',
  'authenticate',
  'authorize',
  'rate-limit',
  'blocklist',
  'validate-request',
] as const;

export type PolicyStage = (typeof POLICY_STAGES)[number];

/**
 * A refusal. `title` and `detail` go to the client in an RFC 9457 problem body; `reason` goes only to the event
 * (`deniedBy.reason`) and metrics, so it may name the rule or value that failed but never a secret.
 */
export interface Denial {
  /** HTTP status, 4xx or 5xx. */
  readonly status: number;
  /** Short, public: "Forbidden". Defaults to the status text. */
  readonly title?: string;
  /** Public explanation for the caller; never internal detail. */
  readonly detail?: string;
  /** Internal reason for the event and logs. */
  readonly reason: string;
  /** Headers for the refusal, e.g. `WWW-Authenticate`, `Allow`, `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Extension members of the problem body (RFC 9457 §3.2), e.g. `errors` listing validation issues. Public like
   * `detail`; the standard members cannot be overridden.
   */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** What a policy handler returns: nothing to let the request continue, a `Denial` to refuse it. */
export type PolicyResult = Denial | undefined;

/** The per-request work of a compiled policy. Keep it cheap; return a promise only when it must wait. */
export type PolicyHandler = (context: RequestContext) => PolicyResult | Promise<PolicyResult>;

/**
 * The per-response work of a compiled policy: runs after the upstream answered and before anything is sent to the
 * client. Return a `Denial` to send a problem instead of the upstream's response (e.g. 502 when a response must
 * not leave the gateway), nothing to let it through (possibly changed with `response.replaceJson`).
 */
export type ResponseHandler = (
  context: RequestContext,
  response: UpstreamResponse,
) => PolicyResult | Promise<PolicyResult>;

/**
 * What a compiled policy hands the pipeline when it does more than check requests: a request handler (runs in
 * the policy's stage), a response handler (runs after forwarding, in reverse stage order, so the policy nearest
 * to the upstream sees the response first), and `close` to release what the compiled policy holds (connection
 * pools, file watchers) when its configuration is retired after its last request, or discarded on a failed
 * reload, or the gateway closes.
 */
export interface PolicyHandlers {
  readonly request?: PolicyHandler | undefined;
  readonly response?: ResponseHandler | undefined;
  readonly close?: (() => void | Promise<void>) | undefined;
}

/** What a policy's `compile` gets besides its own configuration. */
export interface PolicyCompileContext {
  /** The API description the gateway routes by, when there is one. */
  readonly model: ApiModel | undefined;
  /** The whole validated gateway configuration. */
  readonly options: ResolvedGatewayOptions;
  /**
   * Reports a configuration problem at `path` (relative to `policies.<id>`, e.g. `keys[0].sha256`). All problems
   * of all policies are collected into one `RampartValidationError`.
   */
  problem(path: string, message: string): void;
}

/** A gateway policy: one step of one stage, compiled once per configuration. */
export interface Policy<Config = unknown> {
  /** Stable kebab-case id; also the key of its configuration under `policies`. */
  readonly id: string;
  readonly stage: PolicyStage;
  /**
   * What happens when the handler throws (a dependency such as a JWKS endpoint or Redis is down): `closed`
   * refuses the request with 503, `open` lets it continue. Authentication and authorization fail closed.
   */
  readonly failMode: 'closed' | 'open';
  /** One sentence for docs and `rampart audit`. */
  readonly description: string;
  /**
   * Validates `config` (the value of `policies.<id>`, `undefined` when absent) and builds the handler (or
   * `PolicyHandlers` when it also inspects responses or holds resources). Runs once at start-up and on every
   * reload, never per request. Returns `undefined` when the policy has nothing to do with this configuration.
   * Reports bad configuration through `context.problem` rather than throwing.
   */
  compile(
    config: Config | undefined,
    context: PolicyCompileContext,
  ): PolicyHandler | PolicyHandlers | undefined;
}

const POLICY_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Declares a policy. Checks its declaration at construction so a bad policy fails at start-up. */
export function definePolicy<Config = unknown>(policy: Policy<Config>): Policy<Config> {
  if (typeof policy !== 'object' || policy === null) throw new TypeError('definePolicy expects an object');
  if (!POLICY_ID.test(policy.id)) throw new TypeError(`policy id "${policy.id}" must be kebab-case`);
  if (!(POLICY_STAGES as readonly string[]).includes(policy.stage))
    throw new TypeError(
      `policy ${policy.id}: stage "${policy.stage}" is not one of ${POLICY_STAGES.join(', ')}`,
    );
  if (policy.failMode !== 'closed' && policy.failMode !== 'open')
    throw new TypeError(`policy ${policy.id}: failMode must be "closed" or "open"`);
  if (typeof policy.compile !== 'function')
    throw new TypeError(`policy ${policy.id}: compile must be a function`);
  return Object.freeze(policy);
}
