import { defineRule } from '../../define-rule.js';
import { classifyServerHost } from '../classify-server-host.js';
import { collectCallbacks } from '../collect-callbacks.js';

export const callbackUrlPlainHttp = defineRule({
  id: 'callback-url-plain-http',
  title: 'Callback sent over plain http',
  severity: 'high',
  scope: 'operation',
  owasp: 'API10',
  cwe: 319,
  confidence: 'certain',
  description:
    'A callback URL is a literal `http://` address. Every delivery (event data, often personal data and the ' +
    'signature or token that authenticates it) crosses the network in clear text, and anyone on the path can read, ' +
    'change or replay it. Loopback hosts are reported as low.',
  remediation: 'Deliver callbacks to `https://` URLs only, and refuse to register plain-http callback URLs.',
  check({ model, report }) {
    for (const { operation, owner, label } of collectCallbacks(model)) {
      if (!/^http:\/\//i.test(operation.path)) continue;
      let host = '';
      try {
        host = new URL(operation.path.replace(/\{[^}]*\}/g, 'x')).hostname;
      } catch {
        host = '';
      }
      const loopback = host !== '' && classifyServerHost(host) === 'loopback';
      report({
        message: `${label} is delivered over plain http: event data and credentials travel unencrypted; use https`,
        pointer: operation.pointer,
        operation: owner ?? operation,
        snippet: operation.path,
        ...(loopback ? { severity: 'low' as const } : {}),
      });
    }
  },
});
