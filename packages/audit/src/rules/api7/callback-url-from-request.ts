import type { JsonSchema, Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';

const REQUEST_EXPRESSION = /\{\$request\.(body#[^}]*|query\.[^}]+|header\.[^}]+|path\.[^}]+)\}/;

/** The schema a `$request.body#/a/b` pointer names in the request body schema, if it can be followed. */
function bodyProperty(operation: Operation, pointer: string): JsonSchema | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const media of operation.requestBody?.content ?? []) {
    let schema: JsonSchema | undefined = media.schema;
    for (const segment of segments) {
      if (schema === undefined) break;
      const properties: unknown = schema['properties'];
      const items: unknown = schema['items'];
      const next: unknown =
        /^\d+$/.test(segment) && typeof items === 'object'
          ? items
          : typeof properties === 'object' && properties !== null
            ? (properties as Record<string, unknown>)[segment]
            : undefined;
      schema = typeof next === 'object' && next !== null ? (next as JsonSchema) : undefined;
    }
    if (schema !== undefined) return schema;
  }
  return undefined;
}

function isConstrained(schema: JsonSchema | undefined): boolean {
  return (
    schema !== undefined &&
    (typeof schema['pattern'] === 'string' || Array.isArray(schema['enum']) || schema['const'] !== undefined)
  );
}

export const callbackUrlFromRequest = defineRule({
  id: 'callback-url-from-request',
  title: 'Callback sent to a URL taken from the request',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API7',
  cwe: 918,
  confidence: 'firm',
  description:
    'An OpenAPI callback is addressed by a runtime expression over the request (`{$request.body#/callbackUrl}`, ' +
    '`{$request.query.url}`): the server will later send an HTTP request to whatever URL the client supplied. ' +
    'That is a server-side request forgery primitive by design; pointed at internal services or cloud metadata ' +
    'addresses, the server makes the request for the attacker, with its own network position.',
  remediation:
    'Validate callback URLs when they are registered: https only, a `pattern` on the field, resolve the host and ' +
    'refuse private, loopback and link-local addresses, and deliver through an egress proxy that enforces the ' +
    'same rules on every attempt (DNS can change between registration and delivery).',
  check({ model, report }) {
    for (const operation of model.operations) {
      for (const [name, callbackOperations] of Object.entries(operation.callbacks)) {
        const reported = new Set<string>();
        for (const callback of callbackOperations) {
          const match = REQUEST_EXPRESSION.exec(callback.path);
          if (match === null || reported.has(callback.path)) continue;
          reported.add(callback.path);
          const source = match[1]!;
          const target = source.startsWith('body#') ? bodyProperty(operation, source.slice(5)) : undefined;
          const constrained = isConstrained(target);
          report({
            message:
              `callback "${name}" of ${operation.key} is sent to ${callback.path}, a URL the client chooses` +
              (constrained
                ? ' (the field has a pattern or enum: verify it limits hosts)'
                : ': validate it against an allowlist and block internal addresses'),
            pointer: callback.pointer,
            operation,
            snippet: callback.path,
            ...(constrained ? { severity: 'low' as const } : {}),
          });
        }
      }
    }
  },
});
