import type { JsonSchema, Operation } from '@rampart/openapi';
import { collectSchemaProperties } from '../collect-schema-properties.js';

/** The fields of an operation's JSON or form request body. */
export interface RequestBodyShape {
  readonly encoding: 'json' | 'form';
  readonly properties: ReadonlyMap<string, JsonSchema>;
  readonly required: ReadonlySet<string>;
}

/**
 * The documented fields of an operation's request body when it is JSON (preferred) or
 * `application/x-www-form-urlencoded`; undefined for other bodies or none.
 */
export function readRequestBodyShape(operation: Operation): RequestBodyShape | undefined {
  const content = operation.requestBody?.content ?? [];
  const json = content.find((m) => /json/i.test(m.mediaType) && m.schema !== undefined);
  const form = content.find((m) => /x-www-form-urlencoded/i.test(m.mediaType) && m.schema !== undefined);
  const media = json ?? form;
  if (media?.schema === undefined) return undefined;
  const required = new Set<string>();
  const visit = (schema: JsonSchema, depth: number) => {
    if (depth > 5) return;
    if (Array.isArray(schema['required'])) for (const name of schema['required']) required.add(String(name));
    if (Array.isArray(schema['allOf']))
      for (const part of schema['allOf']) visit(part as JsonSchema, depth + 1);
  };
  visit(media.schema, 0);
  return {
    encoding: media === json ? 'json' : 'form',
    properties: collectSchemaProperties(media.schema).properties,
    required,
  };
}
