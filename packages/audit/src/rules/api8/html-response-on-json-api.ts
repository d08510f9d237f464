import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

const HTML = /^(text\/html|application\/xhtml\+xml)\b/i;
const JSON_TYPE = /json/i;

export const htmlResponseOnJsonApi = defineRule({
  id: 'html-response-on-json-api',
  title: 'HTML response on a JSON API',
  severity: 'low',
  scope: 'operation',
  owasp: 'API8',
  cwe: 79,
  confidence: 'tentative',
  description:
    'An operation of an API that otherwise answers JSON declares a `text/html` (or XHTML) response. Data an ' +
    "attacker controls that is echoed into an HTML response executes as script in the victim's browser " +
    '(reflected or stored XSS), something a JSON response with `nosniff` cannot do. Often it is an error page or ' +
    'a leftover debug view. (`text/plain` is not reported: browsers do not render it as HTML when `nosniff` is set.)',
  remediation:
    'Answer JSON (`application/json` or `application/problem+json` for errors) everywhere, send ' +
    '`X-Content-Type-Options: nosniff` and a restrictive `Content-Security-Policy`, and move HTML views off the API.',
  check({ model, report }) {
    const usesJson = model.operations.some((o) =>
      o.responses.some((r) => r.content.some((m) => JSON_TYPE.test(m.mediaType))),
    );
    if (!usesJson) return;
    // HTML offered beside JSON in the same response (a global `produces`/content-negotiation artifact) has one
    // root cause: report it once for the document. HTML-only responses are reported per operation.
    const negotiated: Operation[] = [];
    for (const operation of model.operations) {
      const htmlOnly: string[] = [];
      let besideJson = false;
      for (const response of operation.responses) {
        if (!response.content.some((m) => HTML.test(m.mediaType))) continue;
        if (response.content.some((m) => JSON_TYPE.test(m.mediaType))) besideJson = true;
        else htmlOnly.push(response.status);
      }
      if (besideJson) negotiated.push(operation);
      if (htmlOnly.length === 0) continue;
      report({
        message: `${operation.key} answers text/html (${htmlOnly.join(', ')}) on a JSON API: reflected data can run as script; answer JSON`,
        pointer: operation.pointer,
        operation,
        snippet: htmlOnly.join(', '),
      });
    }
    if (negotiated.length > 0) {
      const [first, ...rest] = negotiated as [Operation, ...Operation[]];
      report({
        message:
          `${negotiated.length} operation(s) (e.g. ${first.key}) offer text/html beside JSON: a client asking for ` +
          'HTML gets data rendered as a page, where reflected values run as script; offer JSON only',
        pointer: first.pointer,
        operation: first,
        relatedOperations: rest,
        snippet: 'text/html',
      });
    }
  },
});
