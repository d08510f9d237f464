import type { JsonSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { collectCallbacks } from '../collect-callbacks.js';

const STRUCTURE = [
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'enum',
  'const',
  'additionalProperties',
  'patternProperties',
  'prefixItems',
  '$ref',
];

/** A schema that says nothing about the payload: `{}`, `{ type: object }`, `{ description }`. */
function isEmptySchema(schema: JsonSchema): boolean {
  if (STRUCTURE.some((k) => schema[k] !== undefined)) return false;
  const type = schema['type'];
  return type === undefined || type === 'object';
}

export const callbackWithoutPayloadSchema = defineRule({
  id: 'callback-without-payload-schema',
  title: 'Callback or webhook without a payload schema',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API10',
  cwe: 1287,
  confidence: 'firm',
  description:
    'A callback or webhook (a request that the API sends to its consumers) has no request body, or a body with ' +
    'no schema or an empty one. Consumers cannot validate what arrives, so they parse whatever a spoofed or ' +
    'compromised sender posts: the unsafe consumption of API10, with injection and deserialization bugs on the ' +
    'receiving side.',
  remediation:
    'Describe the payload with a complete schema (required fields, types, bounds, `additionalProperties: false` ' +
    'where possible) so receivers can validate every delivery against it.',
  check({ model, report }) {
    for (const { operation, owner, label } of collectCallbacks(model)) {
      if (!['post', 'put', 'patch'].includes(operation.method)) continue;
      const body = operation.requestBody;
      const problem =
        body === undefined || body.content.length === 0
          ? 'declares no payload'
          : body.content.every((m) => m.schema === undefined || isEmptySchema(m.schema))
            ? 'declares its payload without a schema'
            : undefined;
      if (problem === undefined) continue;
      report({
        message: `${label} ${problem}: receivers cannot validate deliveries; describe the payload schema`,
        pointer: body?.pointer ?? operation.pointer,
        operation: owner ?? operation,
        snippet: operation.path,
      });
    }
  },
});
