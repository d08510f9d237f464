import { defineRule } from '../../define-rule.js';
import { findUrlInputs } from '../find-url-inputs.js';

export const urlInputSsrfCandidate = defineRule({
  id: 'url-input-ssrf-candidate',
  title: 'Constrained URL input (SSRF test candidate)',
  severity: 'info',
  scope: 'operation',
  owasp: 'API7',
  cwe: 918,
  confidence: 'tentative',
  description:
    'The operation takes a URL from the client and restricts it with a `pattern`, `enum` or `const`. That is the ' +
    'right shape, but patterns are easy to get wrong (unanchored, `.*` hosts, `@` and `#` tricks, redirects from ' +
    'an allowed host, DNS rebinding), so the input stays a server-side request forgery candidate for the ' +
    'active scanner.',
  remediation:
    'Keep the allowlist anchored (`^https://(a|b)\\.example\\.com/`), re-check the resolved address on the server, ' +
    'refuse redirects, and let the scanner test it with its SSRF canary.',
  check({ model, report }) {
    for (const operation of model.operations) {
      for (const input of findUrlInputs(operation)) {
        if (!input.constrained) continue;
        report({
          message: `${input.label} takes a URL restricted by ${input.schema['pattern'] === undefined ? 'an enum' : `the pattern ${JSON.stringify(input.schema['pattern'])}`}: test it for SSRF bypasses`,
          node: input.node,
          operation,
          snippet: input.name,
        });
      }
    }
  },
});
