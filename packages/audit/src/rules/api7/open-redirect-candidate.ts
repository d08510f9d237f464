import { defineRule } from '../../define-rule.js';
import { findUrlInputs } from '../find-url-inputs.js';
import { hasRedirectResponse } from './has-redirect-response.js';

export const openRedirectCandidate = defineRule({
  id: 'open-redirect-candidate',
  title: 'Redirect target input on an operation that redirects (open redirect)',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API7',
  cwe: 601,
  confidence: 'tentative',
  description:
    'The operation takes a redirect-like input (`redirect_uri`, `returnUrl`, `next`, `continue`, `goto`…) and ' +
    'documents a 3xx response. Unless the target is checked against an allowlist, attackers craft links on your ' +
    'trusted domain that forward victims to phishing pages, or leak OAuth codes and tokens to their own host. ' +
    'A `pattern` or `enum` on the input lowers this to low.',
  remediation:
    'Accept only relative paths or targets from an allowlist (exact match on registered redirect URIs for OAuth, ' +
    'RFC 9700 §4.1), and declare that allowlist as an `enum` or anchored `pattern`.',
  check({ model, report }) {
    for (const operation of model.operations) {
      if (!hasRedirectResponse(operation)) continue;
      for (const input of findUrlInputs(operation)) {
        if (!input.redirectLike) continue;
        report({
          message:
            `${operation.key} redirects (3xx) and takes the redirect target ${input.label}` +
            (input.constrained
              ? ' (restricted by a pattern or enum: verify it is anchored)'
              : ' with no pattern or enum: allow only known targets'),
          node: input.node,
          operation,
          snippet: input.name,
          ...(input.constrained ? { severity: 'low' as const } : {}),
        });
      }
    }
  },
});
