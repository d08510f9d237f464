import type { JsonSchema, Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { buildPooledInput, type PooledInput } from '../explore/build-pooled-input.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';

/** One place a value can be injected: a string parameter or a string property of the JSON body. */
export interface InjectionPoint {
  readonly in: 'query' | 'path' | 'header' | 'body';
  readonly name: string;
  readonly schema: JsonSchema;
}

/** An operation, the pooled input to start from, and its injection points. */
export interface InjectionTarget {
  readonly operation: Operation;
  readonly base: PooledInput;
  readonly points: readonly InjectionPoint[];
}

/** Formats whose values are constrained (and tested elsewhere: `uri` by the SSRF checks). */
const CONSTRAINED_FORMATS = new Set([
  'uri',
  'url',
  'uri-reference',
  'email',
  'date',
  'date-time',
  'time',
  'uuid',
  'ipv4',
  'ipv6',
  'byte',
  'binary',
]);
const SESSION_ENDING = /log-?out|sign-?out|revoke|logoff/i;

/** True for a free-text string schema (no enum, const or constrained format). */
export function isFreeString(schema: JsonSchema): boolean {
  const type = schema['type'];
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  if (!isString || Array.isArray(schema['enum']) || 'const' in schema) return false;
  const format = schema['format'];
  return typeof format !== 'string' || !CONSTRAINED_FORMATS.has(format);
}

/** The string parameters and top-level string body properties of an operation. */
export function listInjectionPoints(operation: Operation): InjectionPoint[] {
  const points: InjectionPoint[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'cookie' || !isFreeString(parameter.schema)) continue;
    if (parameter.in === 'header' && /^(authorization|content-type|accept|cookie)$/i.test(parameter.name))
      continue;
    points.push({ in: parameter.in, name: parameter.name, schema: parameter.schema });
  }
  const body = findJsonBodySchema(operation);
  const properties = (body?.['properties'] ?? {}) as Record<string, JsonSchema>;
  if (operation.method !== 'get') {
    for (const [name, schema] of Object.entries(properties)) {
      if (schema['readOnly'] !== true && isFreeString(schema)) points.push({ in: 'body', name, schema });
    }
  }
  return points;
}

/**
 * The operations an injection check probes as `session`, with their pooled inputs and points: not webhooks,
 * not session-ending, not DELETE; only GET in a read-only scan; admin-looking operations only for admins;
 * at most `limit` operations, those with parameters first in description order.
 */
export function listInjectionTargets(
  ctx: CheckContext,
  session: IdentitySession,
  options: {
    readonly limit?: number;
    readonly filter?: (point: InjectionPoint, operation: Operation) => boolean;
  } = {},
): InjectionTarget[] {
  const out: InjectionTarget[] = [];
  for (const operation of ctx.model.operations) {
    if (operation.isWebhook || operation.method === 'delete' || operation.method === 'head') continue;
    if (operation.method === 'options' || operation.method === 'trace') continue;
    if (ctx.options.readOnly && operation.method !== 'get') continue;
    if (SESSION_ENDING.test(`${operation.path} ${operation.operationId ?? ''}`)) continue;
    if (!session.admin && looksAdminOnly(operation)) continue;
    const points = listInjectionPoints(operation).filter((p) => options.filter?.(p, operation) ?? true);
    if (points.length === 0) continue;
    const base = buildPooledInput(operation, ctx.values, session.anonymous ? undefined : session.name);
    if (base === undefined) continue;
    out.push({ operation, base, points });
    if (out.length >= (options.limit ?? 60)) break;
  }
  return out;
}
