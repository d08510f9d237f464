import { defineRule } from '../../define-rule.js';
import { allowsAnonymous, isDeclaredPublic, isWriteOperation } from '../../inspect/security-of.js';

/** S01: POST/PUT/PATCH/DELETE callable without credentials. */
export const writeOperationWithoutSecurity = defineRule({
  id: 'write-operation-without-security',
  title: 'Write operation without authentication',
  severity: 'high',
  scope: 'operation',
  owasp: 'API2',
  cwe: 306,
  description:
    'A POST, PUT, PATCH or DELETE operation has no effective security requirement (or an empty `{}` alternative), so anyone who can reach the API can create, change or delete data. Attackers scan for exactly these operations first.',
  remediation:
    'Add a `security` requirement to the operation or the document. If the operation really is public (sign-up, public form), say so with `x-public: true` and document its abuse controls (rate limits, CAPTCHA).',
  check({ model, report }) {
    for (const op of model.operations) {
      if (!isWriteOperation(op) || !allowsAnonymous(op) || isDeclaredPublic(op)) continue;
      const how = op.security.length === 0 ? 'has no security requirement' : 'allows anonymous access (`{}`)';
      report({ operation: op, pointer: op.pointer, message: `${op.key} ${how}` });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    post:
      responses: { '201': { description: created } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
security: [ { bearer: [] } ]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
paths:
  /orders:
    post:
      responses: { '201': { description: created } }
`,
  },
});
