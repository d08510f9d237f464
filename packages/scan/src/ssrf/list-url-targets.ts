import type { JsonSchema } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { buildPooledInput } from '../explore/build-pooled-input.js';
import type { IdentitySession } from '../identities/identity-session.js';
import type { InjectionPoint, InjectionTarget } from '../injection/list-injection-targets.js';
import { looksAdminOnly } from '../looks-admin-only.js';

const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference']);
const URL_NAME = /(url|uri|href|link|callback|webhook|endpoint|redirect|feed|origin|proxy|remote)$/i;

/** True for a string input that takes a URL: `format: uri`, or a URL-like name (`imageUrl`, `callback`). */
export function isUrlInput(name: string, schema: JsonSchema): boolean {
  const type = schema['type'];
  if (type !== undefined && type !== 'string' && !(Array.isArray(type) && type.includes('string')))
    return false;
  if (Array.isArray(schema['enum'])) return false;
  const format = schema['format'];
  return (typeof format === 'string' && URL_FORMATS.has(format)) || URL_NAME.test(name);
}

/**
 * Operations with URL-taking inputs (query, path and header parameters, top-level JSON body properties) that
 * `session` may call, with pooled inputs: the SSRF and unsafe-consumption candidates. Only GET in a read-only scan.
 */
export function listUrlTargets(ctx: CheckContext, session: IdentitySession): InjectionTarget[] {
  const out: InjectionTarget[] = [];
  for (const operation of ctx.model.operations) {
    if (operation.isWebhook || operation.method === 'delete') continue;
    if (ctx.options.readOnly && operation.method !== 'get') continue;
    if (!session.admin && looksAdminOnly(operation)) continue;
    const points: InjectionPoint[] = [];
    for (const p of operation.parameters) {
      if (p.in !== 'cookie' && isUrlInput(p.name, p.schema))
        points.push({ in: p.in, name: p.name, schema: p.schema });
    }
    const properties = (findJsonBodySchema(operation)?.['properties'] ?? {}) as Record<string, JsonSchema>;
    if (operation.method !== 'get') {
      for (const [name, schema] of Object.entries(properties)) {
        if (schema['readOnly'] !== true && isUrlInput(name, schema))
          points.push({ in: 'body', name, schema });
      }
    }
    if (points.length === 0) continue;
    const base = buildPooledInput(operation, ctx.values, session.anonymous ? undefined : session.name);
    if (base !== undefined) out.push({ operation, base, points });
  }
  return out;
}
