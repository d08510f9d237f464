import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

export const oauth2OperationWithoutScopes = defineRule({
  id: 'oauth2-operation-without-scopes',
  title: 'OAuth2 operation requires no scope while its siblings do',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API5',
  cwe: 285,
  confidence: 'firm',
  description:
    'An operation accepts an OAuth2 or OpenID Connect scheme with an empty scope list although other operations ' +
    'of the same API require scopes from that scheme. Any token issued by the authorization server, whatever ' +
    'it was granted for, is then accepted: a token minted for a read-only integration can call this function.',
  remediation:
    'List the scope(s) the operation needs in its security requirement (e.g. `oauth: [orders:write]`); if the ' +
    'document-level default has no scopes, give each operation its own requirement.',
  check({ model, report }) {
    const schemes = Object.values(model.securitySchemes).filter(
      (s) => s.type === 'oauth2' || s.type === 'openIdConnect',
    );
    for (const scheme of schemes) {
      const scoped: Operation[] = [];
      const unscoped: Operation[] = [];
      for (const operation of model.operations) {
        const uses = operation.security.filter((a) => a[scheme.name] !== undefined);
        if (uses.length === 0) continue;
        if (uses.some((a) => (a[scheme.name] ?? []).length === 0)) unscoped.push(operation);
        else scoped.push(operation);
      }
      if (scoped.length === 0 || unscoped.length === 0) continue;
      const example = scoped[0]!;
      // Operations that inherit the document default share one root cause: report it once, at `security`.
      const inherited = unscoped.filter((o) => o.securitySource === 'document');
      if (inherited.length > 0) {
        const [first, ...rest] = inherited as [Operation, ...Operation[]];
        report({
          message:
            `the document-level security uses ${scheme.name} with no scopes, so ${inherited.length} operation(s) ` +
            `(e.g. ${first.key}) accept any ${scheme.name} token while ${example.key} requires ` +
            `[${(example.security.find((a) => a[scheme.name])?.[scheme.name] ?? []).join(', ')}]: list the needed scopes`,
          pointer: '/security',
          operation: first,
          relatedOperations: rest,
          snippet: scheme.name,
        });
      }
      for (const operation of unscoped) {
        if (operation.securitySource === 'document') continue;
        report({
          message:
            `${operation.key} accepts ${scheme.name} with no scopes while ${scoped.length} other operation(s) ` +
            `(e.g. ${example.key}) require scopes: any ${scheme.name} token is accepted; list the needed scopes`,
          pointer: operation.pointer,
          operation,
          snippet: scheme.name,
        });
      }
    }
  },
});
