import { classifySensitiveName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';

const PAGINATION = /paginat|next page|page token|continu|cursor|next set|next batch|more results/i;

/** True when the segment before `{name}` is a collection of keys or tokens (`/api-keys/{apiKey}`). */
function namesCollection(path: string, name: string): boolean {
  const segments = path.split('/');
  const i = segments.indexOf(`{${name}}`);
  return i > 0 && /(keys|tokens|secrets|credentials|sessions)$/i.test(segments[i - 1] ?? '');
}

/** S10/S17: passwords, tokens and secrets as query or path parameters. */
export const credentialInUrl = defineRule({
  id: 'credential-in-url',
  title: 'Credential passed in the URL',
  severity: 'high',
  scope: 'operation',
  owasp: 'API2',
  cwe: 598,
  description:
    'A parameter that carries a password, token, session id or secret travels in the query string or path. URLs are logged by servers and proxies, kept in browser history and leaked through Referer headers, so the credential is exposed well beyond the request.',
  remediation:
    'Move the credential to a header (Authorization) or to the request body of a POST; never put it in the URL.',
  check({ model, report }) {
    for (const op of model.operations) {
      for (const p of op.parameters) {
        if (p.in !== 'query' && p.in !== 'path') continue;
        const kind = classifySensitiveName(p.name);
        if (kind !== 'credential' && kind !== 'secret') continue;
        // `token` is also the usual name of a pagination cursor, and `/apikeys/{apiKey}` names a key by its id.
        if (PAGINATION.test(p.description ?? '')) continue;
        if (p.in === 'path' && namesCollection(op.path, p.name)) continue;
        report({
          node: p,
          operation: op,
          snippet: p.name,
          message: `${p.in} parameter "${p.name}" of ${op.key} carries a ${kind === 'credential' ? 'password or PIN' : 'token or secret'}`,
        });
      }
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Auth, version: 1.0.0 }
paths:
  /login:
    get:
      parameters:
        - { name: password, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Auth, version: 1.0.0 }
paths:
  /login:
    get:
      parameters:
        - { name: username, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
`,
  },
});
