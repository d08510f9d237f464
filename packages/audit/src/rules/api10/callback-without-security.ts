import type { Operation } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { allowsAnonymous } from '../allows-anonymous.js';
import { collectCallbacks, type OutboundCall } from '../collect-callbacks.js';

const SIGNATURE_WORDS = new Set([
  'signature',
  'sig',
  'hmac',
  'signed',
  'authorization',
  'token',
  'secret',
  'digest',
]);
const SIGNATURE_PROSE = /signature|signed|hmac|verify the (request|payload|delivery)|mutual tls|mtls/i;

export const callbackWithoutSecurity = defineRule({
  id: 'callback-without-security',
  title: 'Callback or webhook with no way to verify the sender',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API10',
  cwe: 345,
  confidence: 'tentative',
  description:
    'A callback or webhook declares no security requirement of its own, no signature or token header, and no ' +
    'statement about signing. Receivers have no documented way to tell a genuine delivery from a forged one, ' +
    'so anyone who learns the receiving URL can post fake events (a paid invoice, a passed KYC check). The ' +
    'document-level `security` is not counted: it protects calls to the API, not calls from it.',
  remediation:
    'Sign every delivery (e.g. an HMAC-SHA256 `Webhook-Signature` header over a timestamp and the body, as in ' +
    'the Standard Webhooks spec) and document the header and how to verify it, or declare the scheme receivers ' +
    "must check in the callback operation's `security`.",
  check({ model, report }) {
    // The same callback (name, method, URL) declared on many operations is one delivery to secure: report once.
    const groups = new Map<string, { call: OutboundCall; owners: Operation[] }>();
    for (const call of collectCallbacks(model)) {
      const { operation } = call;
      if (operation.securitySource === 'operation' && !allowsAnonymous(operation.security)) continue;
      const signed = operation.parameters.some(
        (p) => p.in === 'header' && wordsOf(p.name).some((w) => SIGNATURE_WORDS.has(w)),
      );
      if (signed) continue;
      const prose = `${operation.summary ?? ''}\n${operation.description ?? ''}\n${operation.requestBody?.description ?? ''}`;
      if (SIGNATURE_PROSE.test(prose)) continue;
      const key = `${call.owner === undefined ? 'webhook' : 'callback'}|${call.name}|${operation.method}|${operation.path}`;
      const group = groups.get(key);
      if (group === undefined)
        groups.set(key, { call, owners: call.owner === undefined ? [] : [call.owner] });
      else if (call.owner !== undefined) group.owners.push(call.owner);
    }
    for (const { call, owners } of groups.values()) {
      const { operation } = call;
      const what =
        call.owner === undefined
          ? call.label
          : `callback "${call.name}" (${operation.method.toUpperCase()} ${operation.path}) of ` +
            (owners.length === 1 ? call.owner.key : `${owners.length} operations (e.g. ${call.owner.key})`);
      report({
        message: `${what} has no security requirement, signature header or signing statement: receivers cannot verify the sender; sign deliveries and document it`,
        pointer: operation.pointer,
        operation: owners[0] ?? operation,
        relatedOperations: owners.slice(1),
        snippet: operation.path,
      });
    }
  },
});
