import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

export const duplicateOperationId = defineRule({
  id: 'duplicate-operation-id',
  title: 'Duplicate operationId',
  severity: 'low',
  scope: 'operation',
  owasp: 'API9',
  cwe: 694,
  confidence: 'certain',
  description:
    'Several operations share one `operationId`, which OpenAPI requires to be unique. Inventories, gateways, ' +
    'SDK generators and policy files that key on it silently merge or drop operations, so an operation can end ' +
    "up unlisted, unmonitored or governed by another operation's rules.",
  remediation: 'Give every operation a unique operationId (e.g. verb + resource: `listOrders`, `getOrder`).',
  check({ model, report }) {
    const byId = new Map<string, Operation[]>();
    for (const operation of [...model.operations, ...model.webhooks]) {
      if (operation.operationId === undefined) continue;
      const list = byId.get(operation.operationId);
      if (list === undefined) byId.set(operation.operationId, [operation]);
      else list.push(operation);
    }
    for (const [id, operations] of byId) {
      if (operations.length < 2) continue;
      const [first, ...rest] = operations as [Operation, ...Operation[]];
      report({
        message: `operationId "${id}" is used by ${operations.length} operations (${operations.map((o) => o.key).join(', ')}): make it unique`,
        pointer: `${rest[0]!.pointer}/operationId`,
        operation: first,
        relatedOperations: rest,
        snippet: id,
      });
    }
  },
});
