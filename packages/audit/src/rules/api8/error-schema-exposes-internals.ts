import { type JsonSchema, walkSchema } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';
import { defineRule } from '../../define-rule.js';
import { schemaSequenceKey } from '../../inspect/schema-sequence-key.js';

const INTERNAL_WORDS = new Set([
  'stack',
  'stacktrace',
  'backtrace',
  'traceback',
  'exception',
  'exceptions',
  'debug',
  'sql',
  'sqlstate',
]);

/** `stackTrace`, `exception`, `debugInfo`, `sqlState`, `trace`; not `traceId`, `debugId` (correlation ids). */
function isInternalName(name: string): boolean {
  const words = wordsOf(name);
  const last = words.at(-1);
  if (last === undefined || last === 'id' || last === 'ids') return false;
  return words.some((w) => INTERNAL_WORDS.has(w)) || words.join('') === 'trace';
}

interface Exposed {
  readonly schema: JsonSchema;
  readonly name: string;
  readonly message: string;
}

/** The internal-named properties of an operation's error bodies (walked in order; a schema reported once). */
function findExposed(roots: readonly JsonSchema[]): Exposed[] {
  const out: Exposed[] = [];
  const seen = new Set<object>();
  for (const root of roots) {
    walkSchema(root, (schema, { propertyPath }) => {
      const name = propertyPath.at(-1);
      if (name === undefined || name === '[]' || name === '*' || seen.has(schema)) return undefined;
      if (!isInternalName(name)) return undefined;
      seen.add(schema);
      out.push({
        schema,
        name,
        message: `error response property "${propertyPath.filter((p) => p !== '[]').join('.')}" exposes implementation details to callers: drop it from error bodies`,
      });
      return 'skip';
    });
  }
  return out;
}

export const errorSchemaExposesInternals = defineRule({
  id: 'error-schema-exposes-internals',
  title: 'Error response schema exposes stack traces, exceptions or SQL',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API8',
  cwe: 209,
  confidence: 'firm',
  description:
    'An error response (4xx, 5xx or `default`) declares fields such as `stackTrace`, `exception`, `debug`, ' +
    '`trace` or `sql`. The API is designed to hand implementation details to any caller who triggers an error: ' +
    'framework and library versions, file paths, queries and internal hosts, which is exactly what an attacker ' +
    'needs to pick the next exploit.',
  remediation:
    'Return a generic error body (e.g. RFC 9457 problem details with a correlation id) and keep stack traces, ' +
    'exception types and queries in server logs; remove those fields from the error schema.',
  check({ model, report }) {
    // Operations share their error schemas (often one for the whole API): walk each distinct sequence of
    // error bodies once, then report it for every operation that has it.
    const bySequence = new Map<string, Exposed[]>();
    for (const operation of model.operations) {
      const roots: JsonSchema[] = [];
      for (const response of operation.responses) {
        if (!/^[45]|^default$/i.test(response.status)) continue;
        for (const media of response.content) if (media.schema !== undefined) roots.push(media.schema);
      }
      if (roots.length === 0) continue;
      const key = schemaSequenceKey(roots);
      let exposed = bySequence.get(key);
      if (exposed === undefined) {
        exposed = findExposed(roots);
        bySequence.set(key, exposed);
      }
      for (const { schema, name, message } of exposed) {
        report({ message, node: schema, operation, snippet: name });
      }
    }
  },
});
