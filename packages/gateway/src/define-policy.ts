import type { ApiModel } from '@rampart/openapi';
import type { RequestContext } from './request-context.js';
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
}

/** What a policy handler returns: nothing to let the request continue, a `Denial` to refuse it. */
export type PolicyResult = Denial | undefined;

/** The per-request work of a compiled policy. Keep it cheap; return a promise only when it must wait. */
export type PolicyHandler = (context: RequestContext) => PolicyResult | Promise<PolicyResult>;

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
   * Validates `config` (the value of `policies.<id>`, `undefined` when absent) and builds the handler. Runs once
   * at start-up and on every reload, never per request. Returns `undefined` when the policy has nothing to do
   * with this configuration. Reports bad configuration through `context.problem` rather than throwing.
   */
  compile(config: Config | undefined, context: PolicyCompileContext): PolicyHandler | undefined;
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
