import type { JsonSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { findUrlInputs } from '../find-url-inputs.js';
import { fetchWordOf } from '../fetch-word-of.js';
import { operationWords } from '../operation-words.js';

const THIRD_PARTY_WORDS = new Set([
  'external',
  'remote',
  'third',
  'partner',
  'provider',
  'upstream',
  'integration',
  'integrations',
  'feed',
  'feeds',
]);
const STRUCTURE = [
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'enum',
  'const',
  'prefixItems',
  'format',
  'pattern',
];

function isUnconstrained(schema: JsonSchema | undefined): boolean {
  if (schema === undefined) return true;
  if (STRUCTURE.some((k) => schema[k] !== undefined)) return false;
  const type = schema['type'];
  return type === undefined || type === 'object' || type === 'string';
}

export const thirdPartyFetchWithoutResponseConstraints = defineRule({
  id: 'third-party-fetch-without-response-constraints',
  title: 'Data fetched from a third party returned without a schema',
  severity: 'low',
  scope: 'operation',
  owasp: 'API10',
  cwe: 20,
  confidence: 'tentative',
  description:
    'The operation imports, fetches, syncs or proxies data from a URL or third-party service, and its successful ' +
    'response has no schema (or an empty one). Nothing in the contract bounds what the upstream may send, so the ' +
    'API is designed to pass third-party content through unvalidated: injection payloads, oversized bodies and ' +
    'unexpected types reach its own clients and storage.',
  remediation:
    'Describe what the operation returns with a full schema, validate upstream responses against it (types, ' +
    'sizes, allowed values) before using or returning them, and set timeouts and size limits on the fetch.',
  check({ model, report }) {
    for (const operation of model.operations) {
      const fetchWord = fetchWordOf(operation);
      if (fetchWord === undefined) continue;
      const words = operationWords(operation);
      const thirdParty =
        findUrlInputs(operation).length > 0 ||
        [...words.path, ...words.operationId].some((w) => THIRD_PARTY_WORDS.has(w));
      if (!thirdParty) continue;
      const success = operation.responses.filter((r) => /^2/.test(r.status) && r.content.length > 0);
      if (success.length === 0) continue;
      if (!success.every((r) => r.content.every((m) => isUnconstrained(m.schema)))) continue;
      report({
        message: `${operation.key} fetches third-party data ("${fetchWord}") but its ${success.map((r) => r.status).join(', ')} response has no schema: validate and describe what it returns`,
        pointer: success[0]!.pointer,
        operation,
        snippet: fetchWord,
      });
    }
  },
});
