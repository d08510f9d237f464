import { defineRule } from '../../define-rule.js';

const ROUTING_HEADERS = new Set([
  'x-forwarded-host',
  'x-forwarded-server',
  'x-host',
  'x-original-host',
  'x-original-url',
  'x-rewrite-url',
  'x-forwarded-prefix',
  'forwarded',
]);

export const forwardedHeaderInput = defineRule({
  id: 'forwarded-header-input',
  title: 'Host or URL routing header accepted from the client',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API7',
  cwe: 918,
  confidence: 'tentative',
  description:
    'The operation documents a header that proxies use to route or rebuild URLs (`X-Forwarded-Host`, ' +
    '`X-Original-URL`, `X-Rewrite-URL`, `X-Host`, `Forwarded`) as client input. If the server or a proxy in ' +
    'front of it trusts it, an attacker routes the request to another host (routing-based SSRF), poisons ' +
    'generated links and password-reset URLs, or reaches a path the front proxy forbids.',
  remediation:
    'Do not take routing headers from clients: let only your own proxy set them (overwrite, never append) and ' +
    'configure the application to trust them from that proxy alone; remove them from the public contract.',
  check({ model, report }) {
    for (const operation of model.operations) {
      for (const parameter of operation.parameters) {
        if (parameter.in !== 'header' || !ROUTING_HEADERS.has(parameter.name.toLowerCase())) continue;
        report({
          message: `header "${parameter.name}" is documented as client input: a trusted routing header lets callers redirect server-side requests; let only your proxy set it`,
          node: parameter,
          operation,
          snippet: parameter.name,
        });
      }
    }
  },
});
