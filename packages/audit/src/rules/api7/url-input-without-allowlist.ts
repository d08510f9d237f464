import type { Confidence, Severity } from '@rampart/core';
import { wordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { findUrlInputs, type UrlInput } from '../find-url-inputs.js';
import { fetchWordOf } from '../fetch-word-of.js';
import { hasRedirectResponse } from './has-redirect-response.js';

/** Names that say the server will call or download the URL: `webhookUrl`, `callback`, `feedUrl`, `avatarUrl`. */
const CALL_TARGET_WORDS = new Set([
  'webhook',
  'webhooks',
  'callback',
  'hook',
  'notification',
  'notify',
  'endpoint',
  'feed',
  'ping',
  'import',
  'fetch',
  'proxy',
  'source',
  'remote',
  'avatar',
  'image',
  'picture',
  'photo',
  'download',
  'upload',
  'jwks',
  'metadata',
]);

/**
 * high: the operation says it fetches and the URL is one of its direct inputs; medium: the name says the server
 * will call or download it; low: any other unconstrained URL (`webUrl`, `href`, `host`), which is usually stored
 * or echoed, not fetched.
 */
function severityOf(input: UrlInput, fetches: boolean): { severity: Severity; confidence?: Confidence } {
  if (fetches && input.evidence === 'strong') return { severity: 'high', confidence: 'firm' };
  // Deep inside a nested entity (`a.b.c.notificationUrl`) a URL is stored data far more often than a fetch target.
  const callTarget =
    input.evidence === 'strong' &&
    input.depth <= 2 &&
    wordsOf(input.name).some((w) => CALL_TARGET_WORDS.has(w));
  if (fetches || callTarget) return { severity: 'medium' };
  return { severity: 'low' };
}

export const urlInputWithoutAllowlist = defineRule({
  id: 'url-input-without-allowlist',
  title: 'URL input without an allowlist (SSRF candidate)',
  severity: 'low',
  scope: 'operation',
  owasp: 'API7',
  cwe: 918,
  confidence: 'tentative',
  description:
    'The operation takes a URL (or host) from the client, by name (`url`, `callbackUrl`, `webhook`, `feed`, ' +
    '`imageUrl`, `host`…) or by `format: uri`, and the schema does not restrict it with a `pattern` or `enum`. ' +
    'If the server fetches it (previews, imports, webhooks, avatars), an attacker points it at ' +
    '`http://169.254.169.254/`, `http://localhost:8080/admin` or internal hosts and reads or triggers what only ' +
    'the server can reach. Severity: high when the operation itself says it fetches (import, fetch, proxy, ' +
    'sync…); medium when the name of a direct input says the server calls or downloads it (webhook, callback, feed, avatar, ' +
    'image); low for other URLs (`webUrl`, `href`, `host`), which are usually stored or echoed, not fetched.',
  remediation:
    'Restrict the input in the schema (`pattern` fixing scheme and allowed hosts, or an `enum`), and on the server ' +
    'resolve the host and refuse private, loopback, link-local and metadata addresses, follow no redirects, and ' +
    'fetch through an egress proxy with an allowlist.',
  check({ model, report }) {
    for (const operation of model.operations) {
      const redirects = hasRedirectResponse(operation);
      const fetchWord = fetchWordOf(operation);
      for (const input of findUrlInputs(operation)) {
        if (input.constrained) continue;
        // A redirect target on an operation that answers 3xx is reported by open-redirect-candidate.
        if (input.redirectLike && redirects) continue;
        // Deep inside an imported document (`products[].images[].uri`) a URL is data, not the fetch target.
        const fetches = fetchWord !== undefined && input.depth <= 2;
        report({
          message:
            `${input.label} takes a URL with no pattern or enum` +
            (fetches
              ? ` on an operation that says it fetches ("${fetchWord}"): restrict it to allowed hosts`
              : ': a server-side fetch of it can reach internal hosts; restrict it to allowed hosts'),
          node: input.node,
          operation,
          snippet: input.name,
          ...severityOf(input, fetches),
        });
      }
    }
  },
});
