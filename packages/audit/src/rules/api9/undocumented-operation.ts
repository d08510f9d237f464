import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

export const undocumentedOperation = defineRule({
  id: 'undocumented-operation',
  title: 'Operations without summary or description',
  severity: 'info',
  scope: 'operation',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'certain',
  description:
    'Operations have neither a `summary` nor a `description`. Reviewers cannot tell what they do or who may call ' +
    'them, so their authorization and retirement are never questioned. Reported once per document, listing ' +
    'the operations.',
  remediation: 'Give every operation a one-line summary, and say in the description who may call it.',
  check({ model, report }) {
    const bare = model.operations.filter(
      (o) => (o.summary ?? '').trim() === '' && (o.description ?? '').trim() === '',
    );
    if (bare.length === 0) return;
    const [first, ...rest] = bare as [Operation, ...Operation[]];
    report({
      message: `${bare.length} of ${model.operations.length} operation(s) have no summary or description (e.g. ${first.key}): document them`,
      pointer: first.pointer,
      operation: first,
      relatedOperations: rest,
    });
  },
});
