import { defineRule } from '../../define-rule.js';
import { eachInputSchema } from '../../inspect/each-input-schema.js';

/** S33: JSON Schema `pattern` is a search, not a full match: without ^…$ it only requires a substring. */
export const unanchoredPattern = defineRule({
  id: 'unanchored-pattern',
  title: 'Pattern not anchored',
  severity: 'info',
  scope: 'operation',
  owasp: 'API4',
  cwe: 185,
  description:
    'JSON Schema `pattern` matches anywhere in the value (ECMA-262 search semantics), so a pattern without `^` and `$` only requires that some substring matches: `[0-9]+` accepts "12; DROP TABLE". Validation then lets through the payloads it was written to stop.',
  remediation: 'Anchor patterns meant to describe the whole value: `^[0-9]+$`.',
  check({ model, report }) {
    for (const input of eachInputSchema(model)) {
      const pattern = input.schema['pattern'];
      if (typeof pattern !== 'string' || pattern.length === 0) continue;
      if (pattern.startsWith('^') && (pattern.endsWith('$') || pattern.endsWith('$)'))) continue;
      if (/^\.?\*|\.\*$/.test(pattern)) continue; // deliberately "contains"-style
      report({
        node: input.schema,
        operation: input.operations[0]!,
        relatedOperations: input.operations.slice(1),
        snippet: pattern,
        message: `${input.label} pattern /${pattern}/ is not anchored with ^ and $`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters: [ { name: sku, in: query, schema: { type: string, maxLength: 12, pattern: '[A-Z0-9]{12}' } } ]
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters: [ { name: sku, in: query, schema: { type: string, maxLength: 12, pattern: '^[A-Z0-9]{12}$' } } ]
      responses: { '200': { description: ok } }
`,
  },
});
