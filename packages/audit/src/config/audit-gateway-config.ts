import {
  compareSeverityDesc,
  type Finding,
  fingerprintFinding,
  RampartError,
  type Severity,
} from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import type { EngineError } from '../audit-model.js';
import { type AuditScore, scoreAudit } from '../score-audit.js';
import type { AuditedGatewayConfig } from './audited-gateway-config.js';
import type { GatewayConfigRule, GatewayConfigRuleReport } from './define-gateway-config-rule.js';
import { GATEWAY_CONFIG_RULES } from './gateway-config-rules.js';
import { readObject } from './read-config-value.js';

/** What the gateway-config audit reads. */
export interface GatewayConfigAuditInput {
  /** The `gateway` section as written in the file (parsed YAML or JSON, not validated), or undefined. */
  readonly config: unknown;
  /** The configuration file's name, for finding locations. */
  readonly file: string;
  /** JSON pointer of the section in the file. Default `/gateway`. */
  readonly pointerPrefix?: string;
  /**
   * Line and column (1-based) of a JSON pointer of the file, or of its closest existing ancestor; e.g. from the
   * YAML document's source positions. Without it, findings carry the pointer only.
   */
  readonly locate?: (pointer: string) => { readonly line: number; readonly column: number } | undefined;
  /** The API description named by `routing.spec`, when loaded: enables the rules that need it. */
  readonly model?: ApiModel;
}

export interface GatewayConfigAuditOptions {
  /** The rule set; default `GATEWAY_CONFIG_RULES`. */
  readonly rules?: readonly GatewayConfigRule[];
  /** Run only these rule ids. */
  readonly enable?: readonly string[];
  /** Do not run these rule ids. */
  readonly disable?: readonly string[];
  /** Severity per rule id, overriding the rule's default and what it reports. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
}

export interface GatewayConfigAuditResult {
  /** Most severe first, then by line. */
  readonly findings: Finding[];
  /** Rules that threw (their earlier reports are kept). */
  readonly engineErrors: EngineError[];
  readonly rulesRun: GatewayConfigRule[];
  /** The same 0-100 score as for a description, over these findings. */
  readonly score: AuditScore;
}

/**
 * Audits a gateway configuration (the `gateway` section of `rampart.yaml`): each rule of `GATEWAY_CONFIG_RULES`
 * looks for an insecure setting (plain HTTP on a public address, TLS older than 1.2, an exposed admin port, weak
 * JWT algorithms, authentication that fails open, missing rate limits, quotas, validation or injection blocking,
 * trusted proxies that trust everyone…) and each report becomes a `Finding` located at the setting's JSON
 * pointer and line in the configuration file.
 *
 * The values are not trusted: the audit runs as well on a file the gateway would refuse. Throws
 * `RAMPART_ERR_USAGE` for unknown rule ids in `enable`/`disable`/`severityOverrides`.
 */
export function auditGatewayConfig(
  input: GatewayConfigAuditInput,
  options: GatewayConfigAuditOptions = {},
): GatewayConfigAuditResult {
  const allRules = options.rules ?? GATEWAY_CONFIG_RULES;
  const rulesRun = selectGatewayConfigRules(allRules, options);
  const config = (readObject(input.config) ?? {}) as AuditedGatewayConfig;
  const prefix = input.pointerPrefix ?? '/gateway';
  const overrides = options.severityOverrides ?? {};
  const findings: Finding[] = [];
  const engineErrors: EngineError[] = [];
  for (const rule of rulesRun) {
    const report = (r: GatewayConfigRuleReport) => {
      findings.push(toFinding(rule, r, input, prefix, overrides[rule.id]));
    };
    try {
      rule.check({ config, model: input.model, report });
    } catch (error) {
      engineErrors.push({
        ruleId: rule.id,
        message: `rule ${rule.id} failed on ${input.file}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Stable: findings at the same place keep the order the rules (in list order) reported them.
  findings.sort(
    (a, b) =>
      compareSeverityDesc(a.severity, b.severity) ||
      (a.location.document?.line ?? 0) - (b.location.document?.line ?? 0) ||
      (a.location.document?.column ?? 0) - (b.location.document?.column ?? 0),
  );
  // scoreAudit reads the description only to cap the score when no operation is authenticated.
  const score = scoreAudit(findings, input.model ?? ({ operations: [] } as unknown as ApiModel));
  return { findings, engineErrors, rulesRun, score };
}

function toFinding(
  rule: GatewayConfigRule,
  r: GatewayConfigRuleReport,
  input: GatewayConfigAuditInput,
  prefix: string,
  override: Severity | undefined,
): Finding {
  const pointer = `${prefix}${r.pointer}`;
  const position = input.locate?.(pointer);
  const op = r.operation;
  const location = {
    document: {
      file: input.file,
      pointer,
      ...(position ? { line: position.line, column: position.column } : {}),
    },
    ...(op ? { method: op.method.toUpperCase(), path: op.path } : {}),
    ...(op?.operationId ? { operationId: op.operationId } : {}),
  };
  const finding: Omit<Finding, 'fingerprint'> = {
    ruleId: rule.id,
    source: 'audit',
    title: rule.title,
    message: r.message,
    severity: override ?? r.severity ?? rule.severity,
    confidence: r.confidence ?? rule.confidence ?? 'firm',
    owasp: rule.owasp,
    cwe: rule.cwe,
    location,
    evidence: { summary: r.message, ...(r.snippet === undefined ? {} : { snippet: r.snippet }) },
    remediation: rule.remediation,
    tags: ['gateway-config', ...(rule.tags ?? [])],
  };
  return { ...finding, fingerprint: fingerprintFinding(finding) };
}

function selectGatewayConfigRules(
  rules: readonly GatewayConfigRule[],
  options: GatewayConfigAuditOptions,
): GatewayConfigRule[] {
  const ids = new Set(rules.map((r) => r.id));
  const unknown = [
    ...(options.enable ?? []),
    ...(options.disable ?? []),
    ...Object.keys(options.severityOverrides ?? {}),
  ].filter((id) => !ids.has(id));
  if (unknown.length > 0)
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `unknown gateway-config rule id${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
      { hint: `gateway-config rules are: ${[...ids].join(', ')}` },
    );
  const enabled = options.enable === undefined ? undefined : new Set(options.enable);
  const disabled = new Set(options.disable ?? []);
  return rules.filter((r) => (enabled === undefined || enabled.has(r.id)) && !disabled.has(r.id));
}
