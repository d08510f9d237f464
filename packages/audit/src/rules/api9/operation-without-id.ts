import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

export const operationWithoutId = defineRule({
  id: 'operation-without-id',
  title: 'Operations without operationId',
  severity: 'info',
  scope: 'operation',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'certain',
  description:
    'Operations have no `operationId`. Inventories, gateway policies, monitoring dashboards and findings then ' +
    'key on method and path, which change with every refactoring, so history and per-operation policy are lost ' +
    'and renamed endpoints look new. Reported once per document, listing the operations.',
  remediation: 'Give every operation a stable, unique operationId.',
  check({ model, report }) {
    const missing = model.operations.filter((o) => o.operationId === undefined);
    if (missing.length === 0) return;
    const [first, ...rest] = missing as [Operation, ...Operation[]];
    report({
      message: `${missing.length} of ${model.operations.length} operation(s) have no operationId (e.g. ${first.key}): add stable ids`,
      pointer: first.pointer,
      operation: first,
      relatedOperations: rest,
    });
  },
});
