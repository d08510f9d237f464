import type { Severity } from '@rampart/core';
import { classifySensitiveName, joinedWordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { classifyAuthFlow } from '../../inspect/classify-auth-flow.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { propertyNameOf } from '../../inspect/property-name-of.js';

const SEVERITY: Readonly<Record<NonNullable<ReturnType<typeof classifySensitiveName>>, Severity>> = {
  credential: 'high',
  'government-id': 'high',
  payment: 'high',
  bank: 'medium',
  'birth-date': 'medium',
  secret: 'medium',
};
const LABEL: Readonly<Record<NonNullable<ReturnType<typeof classifySensitiveName>>, string>> = {
  credential: 'a password, hash or PIN',
  'government-id': 'a government id',
  payment: 'card data',
  bank: 'bank account data',
  'birth-date': 'a date of birth',
  secret: 'a token or secret',
};
/** Operations whose purpose is to hand out a secret once (token endpoints, key creation). */
const ISSUES_SECRETS =
  /(token|tokens|key|keys|secret|secrets|credential|credentials|session|sessions|oauth|login|signin|password|webhook|webhooks|hook|hooks)$/;

/** S29: passwords, hashes, tokens, national ids and card data declared in 2xx response bodies. */
export const sensitiveFieldInResponse = defineRule({
  id: 'sensitive-field-in-response',
  title: 'Sensitive field in a response',
  severity: 'high',
  scope: 'operation',
  owasp: 'API3',
  cwe: 213,
  description:
    'A success response declares a field that carries a credential (password, password hash, PIN), a secret or token, a government id, card or bank data, or a date of birth. Returning it exposes it to every client and every log that records responses, often far beyond the one screen that needed it (excessive data exposure).',
  remediation:
    'Remove the field from response schemas (use a separate response schema without it), mark write-only inputs `writeOnly: true`, or return a masked form (`last4`). Return secrets only once, from the operation that creates them.',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    for (const use of uses.successResponse.values()) {
      const name = propertyNameOf(use);
      if (name === undefined || use.schema['writeOnly'] === true) continue;
      const kind = classifySensitiveName(name);
      if (kind === undefined) continue;
      let operations = use.operations;
      if (kind === 'secret') {
        operations = operations.filter((op) => {
          if (classifyAuthFlow(op) !== undefined) return false;
          const last =
            op.path
              .split('/')
              .filter((s) => s && !s.startsWith('{'))
              .at(-1) ?? '';
          return op.method === 'get' ? true : !ISSUES_SECRETS.test(joinedWordsOf(last));
        });
      }
      if (operations.length === 0) continue;
      const field = use.propertyPath.join('.');
      report({
        node: use.schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: field,
        severity: SEVERITY[kind],
        message: `response field "${field}" exposes ${LABEL[kind]}`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users/{userId}:
    get:
      parameters: [ { name: userId, in: path, required: true, schema: { type: string } } ]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { email: { type: string }, passwordHash: { type: string } } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users/{userId}:
    get:
      parameters: [ { name: userId, in: path, required: true, schema: { type: string } } ]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { email: { type: string }, password: { type: string, writeOnly: true } } }
`,
  },
});
