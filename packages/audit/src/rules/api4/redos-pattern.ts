import type { JsonSchema, Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { indexSchemaUses } from '../../inspect/index-schema-uses.js';
import { analyzeRegexAmbiguity } from '../../regex/analyze-regex-ambiguity.js';

/** S34: `pattern`s whose matching can take exponential or polynomial time on crafted input (analysed, not guessed). */
export const redosPattern = defineRule({
  id: 'redos-pattern',
  title: 'Regular expression vulnerable to ReDoS',
  severity: 'high',
  scope: 'operation',
  owasp: 'API4',
  cwe: 1333,
  description:
    'An input is validated against a `pattern` that a backtracking regex engine (JavaScript, Java, Python, .NET, PCRE) can match in many different ways. A short crafted input that almost matches makes validation take exponential (or high polynomial) time, so a handful of requests pins every CPU of the validating server or gateway.',
  remediation:
    'Rewrite the pattern so that each character can be consumed by only one repetition (no nested or adjacent overlapping quantifiers, no overlapping alternatives under `*`/`+`), bound the input with `maxLength` before matching, or validate with a linear-time engine (RE2).',
  check({ model, report }) {
    const uses = indexSchemaUses(model);
    const cache = new Map<string, ReturnType<typeof analyzeRegexAmbiguity>>();
    const inspect = (schema: JsonSchema, operations: readonly Operation[], where: string) => {
      const pattern = schema['pattern'];
      if (typeof pattern !== 'string' || operations.length === 0) return;
      let verdict = cache.get(pattern);
      if (verdict === undefined) {
        verdict = analyzeRegexAmbiguity(pattern);
        cache.set(pattern, verdict);
      }
      if (verdict.kind !== 'exponential' && verdict.kind !== 'polynomial') return;
      const bounded = typeof schema['maxLength'] === 'number' && schema['maxLength'] <= 64;
      const severity =
        verdict.kind === 'exponential' ? (bounded ? 'medium' : 'high') : bounded ? 'low' : 'medium';
      report({
        node: schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        snippet: pattern,
        severity,
        message: `${where} pattern /${pattern}/ is ${verdict.kind}ly ambiguous: repetitions overlap on ${JSON.stringify(verdict.witness)}${bounded ? ` (maxLength ${String(schema['maxLength'])} limits the damage)` : ''}`,
      });
    };
    for (const use of uses.parameters.values()) {
      const op = use.operations[0]!;
      const param = op.parameters.find((p) => p.schema === use.schema);
      inspect(use.schema, use.operations, param ? `${param.in} parameter "${param.name}"` : 'parameter');
    }
    for (const use of uses.requestBody.values()) {
      const where =
        use.propertyPath.length === 0 ? 'request body' : `request field "${use.propertyPath.join('.')}"`;
      inspect(use.schema, use.operations, where);
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    get:
      parameters:
        - { name: email, in: query, schema: { type: string, pattern: '^([a-zA-Z0-9]+\\.?)+@example\\.com$' } }
      responses: { '200': { description: ok } }
`,
    passes: `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    get:
      parameters:
        - { name: email, in: query, schema: { type: string, pattern: '^[a-zA-Z0-9]+(\\.[a-zA-Z0-9]+)*@example\\.com$' } }
      responses: { '200': { description: ok } }
`,
  },
});
