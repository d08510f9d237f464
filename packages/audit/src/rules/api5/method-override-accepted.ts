import { defineRule } from '../../define-rule.js';

const OVERRIDE_HEADERS = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);
const OVERRIDE_QUERY = new Set(['_method', 'x-http-method-override', 'method_override']);

export const methodOverrideAccepted = defineRule({
  id: 'method-override-accepted',
  title: 'HTTP method override accepted',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API5',
  cwe: 650,
  confidence: 'firm',
  description:
    'The operation documents an HTTP method override (`X-HTTP-Method-Override`, `X-HTTP-Method`, ' +
    '`X-Method-Override` headers or a `_method` query parameter). Access rules written per method at a gateway, ' +
    'WAF or framework route (e.g. "DELETE needs the admin scope") can then be bypassed by sending an allowed ' +
    'method that the server turns into a forbidden one.',
  remediation:
    'Stop accepting method overrides; if old clients need them, authorize on the overridden method, not the ' +
    'transport method, and make the gateway apply the same translation.',
  check({ model, report }) {
    for (const operation of model.operations) {
      for (const parameter of operation.parameters) {
        const name = parameter.name.toLowerCase();
        const hit =
          (parameter.in === 'header' && OVERRIDE_HEADERS.has(name)) ||
          (parameter.in === 'query' && OVERRIDE_QUERY.has(name));
        if (!hit) continue;
        report({
          message: `${operation.key} accepts the method override ${parameter.in} "${parameter.name}": method-based access rules can be bypassed; remove it`,
          pointer: parameter.pointer,
          operation,
          snippet: parameter.name,
        });
      }
    }
  },
});
