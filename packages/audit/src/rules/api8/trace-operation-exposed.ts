import { defineRule } from '../../define-rule.js';

export const traceOperationExposed = defineRule({
  id: 'trace-operation-exposed',
  title: 'TRACE operation exposed',
  severity: 'low',
  scope: 'operation',
  owasp: 'API8',
  cwe: 693,
  confidence: 'certain',
  description:
    'The API documents an HTTP TRACE operation. TRACE echoes the request back, including headers that proxies ' +
    'add and cookies or authorization headers scripts cannot normally read (cross-site tracing), and it has no ' +
    'legitimate use in a production API.',
  remediation: 'Remove the TRACE operation and disable TRACE in the server, gateway and load balancer.',
  check({ model, report }) {
    for (const operation of model.operations) {
      if (operation.method !== 'trace') continue;
      report({
        message: `${operation.key} is a TRACE operation: it echoes headers (cookies, tokens) back; remove it`,
        pointer: operation.pointer,
        operation,
      });
    }
  },
});
