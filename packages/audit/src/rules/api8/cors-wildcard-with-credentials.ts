import type { Header, JsonSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

/** The values a header schema pins down: `const`, `enum`, `default`, `example(s)`. */
function declaredValues(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  if (schema['const'] !== undefined) values.push(schema['const']);
  if (Array.isArray(schema['enum'])) values.push(...schema['enum']);
  if (schema['default'] !== undefined) values.push(schema['default']);
  if (schema['example'] !== undefined) values.push(schema['example']);
  if (Array.isArray(schema['examples'])) values.push(...schema['examples']);
  return values;
}

function header(headers: readonly Header[], name: string): Header | undefined {
  return headers.find((h) => h.name.toLowerCase() === name);
}

export const corsWildcardWithCredentials = defineRule({
  id: 'cors-wildcard-with-credentials',
  title: 'CORS allows any origin together with credentials',
  severity: 'high',
  scope: 'operation',
  owasp: 'API8',
  cwe: 942,
  confidence: 'firm',
  description:
    'A response declares `Access-Control-Allow-Origin: *` and `Access-Control-Allow-Credentials: true`. Browsers ' +
    'refuse that literal pair, so servers that "make it work" reflect the caller\'s Origin instead: then any web ' +
    "site a logged-in user visits can call the API with the user's cookies and read the answers.",
  remediation:
    'Allow credentials only for an explicit list of trusted origins, echo the Origin only when it is on that list ' +
    '(with `Vary: Origin`), and document the allowed values instead of `*`.',
  check({ model, report }) {
    for (const operation of model.operations) {
      for (const response of operation.responses) {
        const origin = header(response.headers, 'access-control-allow-origin');
        const credentials = header(response.headers, 'access-control-allow-credentials');
        if (origin === undefined || credentials === undefined) continue;
        if (!declaredValues(origin.schema).includes('*')) continue;
        if (!declaredValues(credentials.schema).some((v) => v === true || v === 'true')) continue;
        report({
          message: `${operation.key} response ${response.status} declares Access-Control-Allow-Origin "*" with Access-Control-Allow-Credentials true: allow credentials only for listed origins`,
          node: origin,
          operation,
          snippet: '*',
        });
      }
    }
  },
});
