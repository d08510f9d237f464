import { describeOwaspCategory, OWASP_CATEGORY_IDS } from '@rampart/core';
import type { Rule } from './define-rule.js';

function fence(text: string): string {
  const lang = text.trimStart().startsWith('{') ? 'json' : 'yaml';
  return `\`\`\`${lang}\n${text.trimEnd()}\n\`\`\``;
}

/** The Markdown page of one rule (`docs/rules/<id>.md`). */
export function renderRuleDoc(rule: Rule): string {
  const lines = [
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${rule.severity} |`,
    `| OWASP | ${describeOwaspCategory(rule.owasp)} |`,
    `| CWE | [CWE-${rule.cwe}](https://cwe.mitre.org/data/definitions/${rule.cwe}.html) |`,
    ...(rule.confidence === undefined ? [] : [`| Confidence | ${rule.confidence} |`]),
    ...(rule.tags === undefined || rule.tags.length === 0 ? [] : [`| Tags | ${rule.tags.join(', ')} |`]),
    '',
    '## Risk',
    '',
    rule.description,
    '',
    '## Fix',
    '',
    rule.remediation,
    '',
  ];
  if (rule.examples) {
    lines.push('## Example that fires', '', fence(rule.examples.fires), '', '## Example that passes', '');
    lines.push(fence(rule.examples.passes), '');
  }
  lines.push(
    '## Suppressing',
    '',
    'Accept a finding on a node (operation, schema, parameter or the document root) with a reason:',
    '',
    '```yaml',
    `x-rampart-ignore: [ { rule: ${rule.id}, reason: "why this is acceptable here" } ]`,
    '```',
    '',
    '_Generated from the rule definition by `packages/audit/scripts/generate-rule-docs.mjs`; do not edit._',
    '',
  );
  return lines.join('\n');
}

/** The index page of all rules (`docs/rules/README.md`), grouped by OWASP category. */
export function renderRuleIndex(rules: readonly Rule[]): string {
  const lines = [
    '# Audit rules',
    '',
    `${rules.length} rules. Change a rule's severity or turn it off in \`rampart.yaml\`; suppress one finding with \`x-rampart-ignore\` (see [../audit.md](../audit.md)).`,
    '',
  ];
  for (const category of OWASP_CATEGORY_IDS) {
    const inCategory = rules.filter((r) => r.owasp === category);
    if (inCategory.length === 0) continue;
    lines.push(
      `## ${describeOwaspCategory(category)}`,
      '',
      '| Rule | Title | Severity | CWE |',
      '|---|---|---|---|',
    );
    for (const r of inCategory)
      lines.push(`| [${r.id}](${r.id}.md) | ${r.title} | ${r.severity} | ${r.cwe} |`);
    lines.push('');
  }
  lines.push('_Generated from the rule definitions; do not edit._', '');
  return lines.join('\n');
}

/** Every docs file for `rules`: file name → content. */
export function renderRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', renderRuleIndex(rules)]]);
  for (const rule of rules) files.set(`${rule.id}.md`, renderRuleDoc(rule));
  return files;
}
