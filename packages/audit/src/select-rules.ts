import { isSeverity, RampartError, type Severity } from '@rampart/core';
import type { Rule } from './define-rule.js';
import { suggestRuleId } from './suggest-rule-id.js';

/** Which rules to run and how to rate them. */
export interface RuleSelection {
  /** Run only these rule ids (all rules when absent). */
  readonly enable?: readonly string[];
  /** Do not run these rule ids. */
  readonly disable?: readonly string[];
  /** Severity per rule id, overriding both the rule's default and what a rule reports. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
}

/**
 * Applies `enable`/`disable` to `rules` (order kept). Throws `RAMPART_ERR_USAGE` naming every unknown rule id
 * (with a did-you-mean) or invalid severity, so a typo in `rampart.yaml` never silently turns a rule off.
 * Throws `TypeError` when two rules share an id (a programming error in a custom rule list).
 */
export function selectRules(rules: readonly Rule[], selection: RuleSelection = {}): Rule[] {
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new TypeError(`two rules share the id "${rule.id}"; rule ids must be unique`);
    ids.add(rule.id);
  }
  const problems: string[] = [];
  const check = (field: string, id: string) => {
    if (ids.has(id)) return;
    const suggestion = suggestRuleId(id, ids);
    problems.push(
      `${field}: unknown rule id "${id}"${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`,
    );
  };
  for (const id of selection.enable ?? []) check('enable', id);
  for (const id of selection.disable ?? []) check('disable', id);
  for (const [id, severity] of Object.entries(selection.severityOverrides ?? {})) {
    check('severityOverrides', id);
    if (!isSeverity(severity)) {
      problems.push(
        `severityOverrides.${id}: "${String(severity)}" is not a severity; use info, low, medium, high or critical`,
      );
    }
  }
  if (problems.length > 0) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `audit rule selection is invalid:\n  - ${problems.join('\n  - ')}`,
      {
        hint: 'list the rule ids with `rampart audit --list-rules` or see docs/rules/README.md',
      },
    );
  }
  const enabled = selection.enable === undefined ? undefined : new Set(selection.enable);
  const disabled = new Set(selection.disable ?? []);
  return rules.filter((r) => (enabled === undefined || enabled.has(r.id)) && !disabled.has(r.id));
}
