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
export type { Rule, RuleContext, RuleMeta, RuleReport } from './define-rule.js';
export { defineRule } from './define-rule.js';
export { BUILT_IN_RULES } from './rules/index.js';
