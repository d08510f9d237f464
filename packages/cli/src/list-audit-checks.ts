import type { CheckedCase } from '@rampart/reporters';
import type { AuditedDocument } from './build-audit-report.js';

/**
 * The reporters' `checked` list of an audit, for JUnit: one case per operation-scoped rule and operation, and one
 * per document-scoped rule and document, for every document whose checks were recorded. The cases a finding
 * stands for are left to the finding: a document-scoped rule with findings has no passing document case, and
 * the further operations of a grouped finding (one root cause shared by several operations, listed in its
 * details) have no passing case of that rule. So a finding is one failing case (at its operation), and every
 * other check is one passing case. Accepted (baselined) and suppressed findings do not fail a case.
 */
export function listAuditChecks(documents: readonly AuditedDocument[]): CheckedCase[] {
  const cases: CheckedCase[] = [];
  for (const d of documents) {
    if (d.checks === undefined) continue;
    const failingRules = new Set<string>();
    // ruleId → operations concerned by a finding of the rule other than the one it is reported at.
    const covered = new Map<string, Set<string>>();
    for (const f of d.findings) {
      failingRules.add(f.ruleId);
      const primary = labelOf(f.location);
      for (const related of f.relatedLocations ?? []) {
        const label = labelOf(related);
        if (label === undefined || label === primary) continue;
        let set = covered.get(f.ruleId);
        if (set === undefined) {
          set = new Set();
          covered.set(f.ruleId, set);
        }
        set.add(label);
      }
    }
    for (const check of d.checks) {
      if (check.operations === undefined) {
        if (!failingRules.has(check.ruleId)) cases.push({ ruleId: check.ruleId, subject: d.name });
        continue;
      }
      const skip = covered.get(check.ruleId);
      for (const operation of check.operations) {
        if (skip?.has(operation) !== true) cases.push({ ruleId: check.ruleId, subject: d.name, operation });
      }
    }
  }
  return cases;
}

/** `METHOD /path`, as the reporters name a finding's operation. */
function labelOf(location: { readonly method?: string; readonly path?: string }): string | undefined {
  if (location.method === undefined || location.path === undefined) return undefined;
  return `${location.method.toUpperCase()} ${location.path}`;
}
