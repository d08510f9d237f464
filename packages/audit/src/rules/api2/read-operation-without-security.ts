import { defineRule } from '../../define-rule.js';
import { classifyAuthFlow } from '../../inspect/classify-auth-flow.js';
import { allowsAnonymous, isDeclaredPublic, isWriteOperation } from '../../inspect/security-of.js';

const INFRASTRUCTURE =
  /^\/?(health|healthz|ready|readyz|live|livez|ping|status|version|openapi|swagger|docs|\.well-known)(\/|$|\.)/i;

/** S02: GET-like operations without credentials, unless declared public. */
export const readOperationWithoutSecurity = defineRule({
  id: 'read-operation-without-security',
  title: 'Read operation without authentication',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API2',
  cwe: 306,
  description:
    'A read operation has no effective security requirement, so its data is available to anyone who can reach the API, including scrapers. Accidental public reads are a common source of data leaks.',
  remediation:
    'Add a `security` requirement, or mark deliberately public operations with `x-public: true` on the operation or its path item so reviewers and this audit know it is intended.',
  check({ model, report }) {
    for (const op of model.operations) {
      if (isWriteOperation(op) || op.method === 'options' || op.method === 'head') continue;
      if (!allowsAnonymous(op) || isDeclaredPublic(op)) continue;
      const last = op.path.replace(/^.*?(\/[^/{]+)?$/, '$1');
      if (INFRASTRUCTURE.test(op.path) || INFRASTRUCTURE.test(last) || classifyAuthFlow(op) !== undefined)
        continue;
      const how = op.security.length === 0 ? 'has no security requirement' : 'allows anonymous access (`{}`)';
      report({ operation: op, pointer: op.pointer, message: `${op.key} ${how}` });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /customers:
    get:
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /products:
    get:
      x-public: true
      responses: { '200': { description: ok } }
`,
  },
});
