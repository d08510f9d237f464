import type { Confidence, Severity } from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';
import type { RuleMeta } from '../define-rule.js';
import type { AuditedGatewayConfig } from './audited-gateway-config.js';

/** One problem a gateway-config rule found; the engine makes it a `Finding` located in the configuration file. */
export interface GatewayConfigRuleReport {
  /** Specific: names the setting and its value. Never a secret. */
  readonly message: string;
  /**
   * JSON pointer of the setting inside the `gateway` section, e.g. `/tls/minVersion`; `''` for the section itself.
   * When the setting is absent (a policy not configured), point at the closest ancestor that says so.
   */
  readonly pointer: string;
  /** The operation of the API description concerned, if any. */
  readonly operation?: Operation;
  /** The offending value (never a secret). */
  readonly snippet?: string;
  readonly severity?: Severity;
  readonly confidence?: Confidence;
}

/** What a gateway-config rule sees. */
export interface GatewayConfigRuleContext {
  /** The `gateway` section as written (values unchecked: see `AuditedGatewayConfig`). */
  readonly config: AuditedGatewayConfig;
  /** The API description of `routing.spec`, when it was given and could be loaded. */
  readonly model: ApiModel | undefined;
  report(report: GatewayConfigRuleReport): void;
}

/** A rule over a gateway configuration: same metadata as an OpenAPI rule, another input. */
export interface GatewayConfigRule extends Omit<RuleMeta, 'examples'> {
  /** Calls `context.report` for every problem. Must not throw on odd values. */
  check(context: GatewayConfigRuleContext): void;
}

const RULE_ID = /^gateway-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Declares a gateway-config rule. Ids start with `gateway-` so that they never collide with OpenAPI rule ids in
 * reports and baselines. Validates the metadata at construction, so a bad rule fails at start-up.
 */
export function defineGatewayConfigRule(rule: GatewayConfigRule): GatewayConfigRule {
  if (!RULE_ID.test(rule.id))
    throw new TypeError(`rule id "${rule.id}" must be kebab-case starting with "gateway-"`);
  if (!Number.isInteger(rule.cwe) || rule.cwe <= 0)
    throw new TypeError(`rule ${rule.id}: cwe must be a positive integer`);
  if (rule.description.length < 40) throw new TypeError(`rule ${rule.id}: description must explain the risk`);
  if (rule.remediation.length < 20)
    throw new TypeError(`rule ${rule.id}: remediation must say how to fix it`);
  return Object.freeze(rule);
}
