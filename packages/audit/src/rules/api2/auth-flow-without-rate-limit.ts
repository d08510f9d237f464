import { defineRule } from '../../define-rule.js';
import { classifyAuthFlow } from '../../inspect/classify-auth-flow.js';
import { documentsRateLimit } from '../../inspect/has-response.js';

/** S16: login, token, reset, OTP and MFA operations with no documented throttling. */
export const authFlowWithoutRateLimit = defineRule({
  id: 'auth-flow-without-rate-limit',
  title: 'Authentication flow without documented rate limiting',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API2',
  cwe: 307,
  description:
    'A login, token, password-reset, OTP or MFA operation documents neither a 429 response nor rate-limit headers. Without throttling, attackers brute-force passwords and one-time codes, stuff leaked credentials and enumerate accounts.',
  remediation:
    'Rate-limit the operation per account and per client, and document it: a `429` response with `Retry-After`, and `RateLimit-*` headers on responses.',
  check({ model, report }) {
    for (const op of model.operations) {
      if (op.method === 'get' || op.method === 'head' || op.method === 'options' || op.method === 'delete')
        continue;
      const flow = classifyAuthFlow(op);
      if (flow === undefined || documentsRateLimit(op)) continue;
      report({
        operation: op,
        pointer: `${op.pointer}/responses`,
        message: `${op.key} looks like a ${flow} operation but documents no 429 response or rate-limit headers`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Auth, version: 1.0.0 }
paths:
  /auth/login:
    post:
      responses: { '200': { description: ok }, '401': { description: bad credentials } }
`,
    passes: `openapi: 3.0.3
info: { title: Auth, version: 1.0.0 }
paths:
  /auth/login:
    post:
      responses:
        '200': { description: ok }
        '429':
          description: too many attempts
          headers: { Retry-After: { schema: { type: integer } } }
`,
  },
});
