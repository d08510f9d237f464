import { defineRule } from '../../define-rule.js';

const SUNSET_HEADER = /^(sunset|deprecation)$/i;
const SUNSET_EXTENSION = /sunset|deprecat|removal/i;

export const deprecatedOperationWithoutSunset = defineRule({
  id: 'deprecated-operation-without-sunset',
  title: 'Deprecated operation without a Sunset or Deprecation header',
  severity: 'low',
  scope: 'operation',
  owasp: 'API9',
  cwe: 1059,
  confidence: 'firm',
  description:
    'The operation is marked `deprecated` but no response documents a `Sunset` (RFC 8594) or `Deprecation` ' +
    '(RFC 9745) header, and no extension gives a removal date. Without a date, deprecated operations are never ' +
    'removed: they stay deployed, unmonitored and unpatched, the zombie endpoints of OWASP API9.',
  remediation:
    'Send and document `Deprecation` and `Sunset` headers (or an `x-sunset` date), point to the replacement with ' +
    'a `Link` header, and remove the operation when the date passes.',
  check({ model, report }) {
    for (const operation of model.operations) {
      if (!operation.deprecated) continue;
      if (operation.responses.some((r) => r.headers.some((h) => SUNSET_HEADER.test(h.name)))) continue;
      if (Object.keys(operation.extensions).some((k) => SUNSET_EXTENSION.test(k))) continue;
      report({
        message: `${operation.key} is deprecated but documents no Sunset or Deprecation header: announce a removal date`,
        pointer: operation.pointer,
        operation,
      });
    }
  },
});
