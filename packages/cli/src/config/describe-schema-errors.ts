import type { Problem, SourceLocation } from '@rampart/core';
import type { ErrorObject } from 'ajv';
import { suggestClosest } from '../suggest-closest.js';
import type { SchemaNode } from './config-settings.js';
import { formatConfigPath } from './format-config-path.js';

/** What `describeSchemaErrors` needs to know about where values came from. */
export interface SchemaErrorContext {
  /** Where the node at `path` is in the file (its key when `part` is `key`), if it came from the file. */
  locate(path: readonly (string | number)[], part: 'key' | 'value'): SourceLocation | undefined;
  /** The environment variable or flag that set `path` or one of its ancestors, if any. */
  originOf(path: readonly (string | number)[]): string | undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'empty',
};

/** A short, safe rendering of a value for a message; secrets are never shown. */
function show(value: unknown, secret: boolean): string {
  if (secret && value !== undefined) return '[redacted]';
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function toSegments(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Turns Ajv's errors into problems a person can act on: each names the path (`gateway.upstreams[0].url`), what is
 * wrong, the offending value (never a secret's), a fix, and the file position or the environment variable or flag
 * that set it. Unknown keys get a did-you-mean from the keys allowed at that level.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], context: SchemaErrorContext): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // `if` only says that a `then` failed; the `then` error itself is the useful one.
    if (error.keyword === 'if') continue;
    // A bad map key is reported once, by `propertyNames`, not again by the keyword inside it.
    if (error.keyword !== 'propertyNames' && error.params && 'propertyName' in error.params) continue;
    const problem = describeOne(error, context);
    const id = `${problem.path}\u0000${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

function describeOne(error: ErrorObject, context: SchemaErrorContext): Problem {
  const base = toSegments(error.instancePath);
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const secret = schema['x-rampart-secret'] === true;
  const expected =
    typeof schema['x-rampart-expected'] === 'string' ? schema['x-rampart-expected'] : undefined;
  const got = `got ${show(error.data, secret)}`;
  const params = error.params as Record<string, unknown>;
  let path = base;
  let part: 'key' | 'value' = 'value';
  let message: string;
  let hint: string | undefined;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((schema.properties ?? {}) as object);
      const suggestion = suggestClosest(key, allowed);
      path = [...base, key];
      part = 'key';
      message = `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
      hint = suggestion
        ? `rename it to "${suggestion}"`
        : `remove it; the keys allowed ${base.length ? `in ${formatConfigPath(base)}` : 'at the top level'} are: ${allowed.join(', ')}`;
      break;
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      const names = (schema.propertyNames ?? {}) as SchemaNode;
      path = [...base, key];
      part = 'key';
      message = `${JSON.stringify(key)} is not a valid key here`;
      hint = `use ${String(names['x-rampart-expected'] ?? `a key matching ${String(names.pattern)}`)}`;
      break;
    }
    case 'required': {
      const key = String(params.missingProperty);
      const property = ((schema.properties ?? {}) as Record<string, SchemaNode>)[key];
      path = [...base, key];
      message = `is missing; it is required${expected ? ` ${expected}` : ''}`;
      hint = property?.description ? `add it: ${String(property.description)}` : 'add it';
      break;
    }
    case 'type': {
      const type = String(params.type);
      message = `must be ${TYPE_NAMES[type] ?? type}, ${got}`;
      hint = `write ${TYPE_NAMES[type] ?? type}${schema.default === undefined || typeof schema.default === 'object' ? '' : `, e.g. ${JSON.stringify(schema.default)}`}${typeof schema.description === 'string' ? ` (${schema.description})` : ''}`;
      break;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? suggestClosest(error.data, allowed) : undefined;
      message = `must be one of ${allowed.join(', ')}, ${got}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
      hint = suggestion ? `write "${suggestion}"` : `write one of: ${allowed.join(', ')}`;
      break;
    }
    case 'pattern':
      message = `must be ${expected ?? `text matching ${String(params.pattern)}`}, ${got}`;
      hint = typeof schema.description === 'string' ? schema.description : fixFor(schema, undefined);
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[
        error.keyword
      ];
      message = `must be ${op} ${String(params.limit)}, ${got}`;
      hint = fixFor(schema, expected);
      break;
    }
    case 'minLength':
      message = `must be at least ${String(params.limit)} characters long, ${secret ? 'got a shorter value' : got}`;
      hint = fixFor(schema, expected);
      break;
    case 'minItems':
      message = `must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}, ${got}`;
      hint = fixFor(schema, expected);
      break;
    case 'uniqueItems': {
      const list = Array.isArray(error.data) ? error.data : [];
      message = `must not repeat items: ${show(list[Number(params.j)], secret)} appears twice`;
      hint = 'remove the duplicate';
      break;
    }
    default:
      message = `${error.message ?? 'is invalid'}, ${got}`;
      hint = fixFor(schema, expected);
  }

  const origin = context.originOf(path);
  const location = origin ? undefined : context.locate(path, part);
  return {
    path: formatConfigPath(path),
    message: origin ? `${message} (set by ${origin})` : message,
    ...(hint ? { hint } : {}),
    ...(location ? { location } : {}),
  };
}

/** The fix for a wrong value: the expected form in words, else the property's description and default. */
function fixFor(schema: SchemaNode, expected: string | undefined): string | undefined {
  if (expected) return `write ${expected}`;
  const parts: string[] = [];
  if (typeof schema.description === 'string') parts.push(schema.description);
  if (schema.default !== undefined) parts.push(`Default: ${JSON.stringify(schema.default)}.`);
  return parts.length ? parts.join(' ') : undefined;
}
