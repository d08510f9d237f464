import type { JsonSchema, Operation, Response } from '@rampart/openapi';
import { classifySensitiveName } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { walkPropertyNames } from '../../inspect/walk-property-names.js';

/** First sensitive property name in walk order, per response schema (shared by many operations): '' for none. */
const sensitiveByRoot = new WeakMap<JsonSchema, string>();

function sensitiveProperty(schema: JsonSchema): string | undefined {
  let found = sensitiveByRoot.get(schema);
  if (found === undefined) {
    found = '';
    walkPropertyNames(schema, (_, name) => {
      if (name === undefined || classifySensitiveName(name) === undefined) return undefined;
      found = name;
      return 'stop';
    });
    sensitiveByRoot.set(schema, found);
  }
  return found === '' ? undefined : found;
}

/** Cache-Control documented with `no-store`, or documented without a fixed value (benefit of the doubt). */
function forbidsStoring(response: Response): boolean {
  const header = response.headers.find((h) => h.name.toLowerCase() === 'cache-control');
  if (header === undefined) return false;
  const values = [
    header.schema['const'],
    header.schema['default'],
    header.schema['example'],
    ...(Array.isArray(header.schema['enum']) ? header.schema['enum'] : []),
  ].filter((v): v is string => typeof v === 'string');
  return values.length === 0 || values.some((v) => /no-store/i.test(v));
}

export const sensitiveResponseWithoutNoStore = defineRule({
  id: 'sensitive-response-without-no-store',
  title: 'Sensitive response without Cache-Control: no-store',
  severity: 'info',
  scope: 'operation',
  owasp: 'API8',
  cwe: 524,
  confidence: 'tentative',
  tags: ['opt-in'],
  description:
    'A successful response carries credentials, tokens or regulated personal data (by property name) and does ' +
    'not document `Cache-Control: no-store`. Browsers, shared proxies and CDNs may then keep a copy that the ' +
    'next user of the machine or cache can read. Informational: many APIs set the header globally without ' +
    'documenting it. Reported once per document, listing the operations.',
  remediation:
    'Send and document `Cache-Control: no-store` on responses with tokens, secrets or personal data (OWASP REST ' +
    'Security Cheat Sheet, "Security headers").',
  check({ model, report }) {
    // Cache headers are set (or not) API-wide: one finding per document, listing the operations.
    const missing: Array<{ operation: Operation; status: string; property: string }> = [];
    for (const operation of model.operations) {
      for (const response of operation.responses) {
        if (!/^2/.test(response.status) || forbidsStoring(response)) continue;
        const property = response.content
          .map((m) => (m.schema === undefined ? undefined : sensitiveProperty(m.schema)))
          .find((p) => p !== undefined);
        if (property === undefined) continue;
        missing.push({ operation, status: response.status, property });
        break;
      }
    }
    const [first, ...rest] = missing;
    if (first === undefined) return;
    report({
      message:
        `${first.operation.key} response ${first.status} returns "${first.property}"` +
        (rest.length === 0 ? '' : ` (and ${rest.length} other operation(s) return sensitive fields)`) +
        ' without documenting Cache-Control: no-store',
      pointer: first.operation.pointer,
      operation: first.operation,
      relatedOperations: rest.map((m) => m.operation),
      snippet: first.property,
    });
  },
});
