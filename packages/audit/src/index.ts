export { applyBaseline, type BaselineResult } from './apply-baseline.js';
export {
  type AuditCheck,
  type AuditOptions,
  type AuditResult,
  auditModel,
  type EngineError,
  type SuppressedFinding,
} from './audit-model.js';
export {
  classifySensitiveName,
  isObjectIdName,
  isOwnershipName,
  isPageSizeName,
  isPrivilegedName,
  isRedirectLikeName,
  isUrlLikeName,
  splitWords,
} from './classify-name.js';
export {
  type AuditWarning,
  collectSuppressions,
  SUPPRESSION_KEY,
  type Suppression,
  type SuppressionIndex,
} from './collect-suppressions.js';
export { type Baseline, type BaselineEntry, createBaseline } from './create-baseline.js';
export type { Rule, RuleContext, RuleExamples, RuleMeta, RuleReport, RuleScope } from './define-rule.js';
export { defineRule } from './define-rule.js';
export {
  deriveTestPlan,
  type TestPlan,
  type TestPlanEntry,
  type TestPlanKind,
  type TestPlanTarget,
} from './derive-test-plan.js';
export { parseBaseline } from './parse-baseline.js';
export { BUILT_IN_RULES } from './rules/index.js';
export {
  type AuditScore,
  CATEGORY_WEIGHTS,
  type CategoryScore,
  type Grade,
  type ScoreCap,
  type ScoreDeduction,
  SEVERITY_POINTS,
  scoreAudit,
} from './score-audit.js';
export { type RuleSelection, selectRules } from './select-rules.js';
export type { AuditedGatewayConfig, AuditedGatewayPolicies } from './config/audited-gateway-config.js';
export {
  auditGatewayConfig,
  type GatewayConfigAuditInput,
  type GatewayConfigAuditOptions,
  type GatewayConfigAuditResult,
} from './config/audit-gateway-config.js';
export {
  defineGatewayConfigRule,
  type GatewayConfigRule,
  type GatewayConfigRuleContext,
  type GatewayConfigRuleReport,
} from './config/define-gateway-config-rule.js';
export { GATEWAY_CONFIG_RULES } from './config/gateway-config-rules.js';
