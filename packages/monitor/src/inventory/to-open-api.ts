import { STATUS_CODES } from 'node:http';
import { HTTP_METHODS } from '@rampart/openapi';
import { DATA_CLASSES } from '../classify/data-class.js';
import { templateParameters } from './build-endpoint-snapshot.js';
import type { ApiKeyPlacement, AuthSeen } from './endpoint-stats.js';
import type { EndpointSnapshot, InventorySnapshot } from './inventory-snapshot.js';

export interface ToOpenApiOptions {
  /** `info.title`; default `Observed API`. */
  readonly title?: string;
  /** `info.version`; default `0.0.0`. */
  readonly version?: string;
  /** Server URLs, e.g. `https://api.example.com`. */
  readonly servers?: readonly string[];
  /** Keep endpoints that only ever answered 404 (probes of paths that do not exist). Default false. */
  readonly includeNotFound?: boolean;
}

const JSON_TYPE = /[/+]json$/;
const NO_CONTENT = new Set([204, 205, 304]);
/** One path segment: literal text with whole `{name}` parameters. */
const TEMPLATE_SEGMENT = /^[^{}]*(?:\{[^{}]+\}[^{}]*)*$/;

/**
 * An OpenAPI 3.1 document reconstructed from an inventory snapshot: one path per template (parameter names
 * unified when templates differ only by them), one operation per method with its path and query parameters
 * (schemas inferred from the values; `required` when present in every call), request bodies and responses
 * (schemas inferred from JSON samples: types merged across samples, `required` = present in every object),
 * security schemes for the authentication seen, and `x-rampart-observed` with counts, first and last seen,
 * clients and data classes. Methods OpenAPI cannot describe (`PROPFIND`) and endpoints that only answered 404
 * are left out (counted in the root's `x-rampart-observed`).
 */
export function toOpenApi(
  snapshot: InventorySnapshot,
  options: ToOpenApiOptions = {},
): Record<string, unknown> {
  const canonical = new Map<string, string>();
  const kept: EndpointSnapshot[] = [];
  let skipped = 0;
  // Description templates first: their parameter names win when another template has the same shape.
  const ordered = [...snapshot.endpoints].sort((a, b) => rank(a) - rank(b));
  for (const endpoint of ordered) {
    const method = endpoint.method.toLowerCase();
    const notFoundOnly = Object.keys(endpoint.statuses).every((s) => s === '404');
    if (!(HTTP_METHODS as readonly string[]).includes(method) || !isPathTemplate(endpoint.template)) {
      skipped++;
      continue;
    }
    if (notFoundOnly && !options.includeNotFound) {
      skipped++;
      continue;
    }
    const shape = endpoint.template.replace(/\{[^}]+\}/g, '{}');
    if (!canonical.has(shape)) canonical.set(shape, endpoint.template);
    kept.push(endpoint);
  }

  const authKnown = kept.some((e) => Object.keys(e.auth).some((m) => m !== 'none'));
  const schemes = new Map<string, Record<string, unknown>>();
  const paths: Record<string, Record<string, unknown>> = {};
  const usedIds = new Set<string>();
  kept.sort((a, b) =>
    a.template < b.template ? -1 : a.template > b.template ? 1 : a.method < b.method ? -1 : 1,
  );
  for (const endpoint of kept) {
    const template = canonical.get(endpoint.template.replace(/\{[^}]+\}/g, '{}'))!;
    const rename = renameParameters(endpoint.template, template);
    const operation: Record<string, unknown> = {
      operationId: uniqueOperationId(endpoint, template, usedIds),
      summary: `${endpoint.method} ${template}`,
      description: `Reconstructed from ${endpoint.calls} observed ${endpoint.calls === 1 ? 'call' : 'calls'}.`,
    };
    if (endpoint.deprecated) operation.deprecated = true;
    const parameters = endpoint.parameters
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((p) => ({
        name: p.in === 'path' ? (rename.get(p.name) ?? p.name) : p.name,
        in: p.in,
        required: p.in === 'path' ? true : p.required,
        schema: p.schema,
      }));
    if (parameters.length > 0) operation.parameters = parameters;
    if (endpoint.requestBodies.length > 0) {
      const bodyCalls = endpoint.requestBodies.reduce((n, b) => n + b.calls, 0);
      operation.requestBody = {
        required: bodyCalls >= endpoint.calls,
        content: Object.fromEntries(endpoint.requestBodies.map((b) => [b.mediaType, { schema: b.schema }])),
      };
    } else if (
      endpoint.requestContentTypes.length > 0 &&
      endpoint.method !== 'GET' &&
      endpoint.method !== 'HEAD'
    ) {
      operation.requestBody = {
        content: Object.fromEntries(endpoint.requestContentTypes.map((type) => [type, {}])),
      };
    }
    operation.responses = buildResponses(endpoint);
    if (authKnown) operation.security = buildSecurity(endpoint, schemes);
    operation['x-rampart-observed'] = {
      calls: endpoint.calls,
      firstSeen: new Date(endpoint.firstSeen).toISOString(),
      lastSeen: new Date(endpoint.lastSeen).toISOString(),
      clients: endpoint.clients,
      principals: endpoint.principals,
      statuses: endpoint.statuses,
      auth: endpoint.auth,
      source: endpoint.source,
      ...dataClassesOf(endpoint),
    };
    paths[template] ??= {};
    paths[template]![endpoint.method.toLowerCase()] = operation;
  }

  const document: Record<string, unknown> = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Observed API',
      version: options.version ?? '0.0.0',
      description: describeSource(snapshot, authKnown),
    },
  };
  if (options.servers !== undefined && options.servers.length > 0) {
    document.servers = options.servers.map((url) => ({ url }));
  }
  document.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (schemes.size > 0) document.components = { securitySchemes: Object.fromEntries(schemes) };
  document['x-rampart-observed'] = {
    events: snapshot.events,
    ...(snapshot.from === undefined ? {} : { from: new Date(snapshot.from).toISOString() }),
    ...(snapshot.to === undefined ? {} : { to: new Date(snapshot.to).toISOString() }),
    endpoints: kept.length,
    skippedEndpoints: skipped,
  };
  return document;
}

function rank(endpoint: EndpointSnapshot): number {
  return endpoint.source === 'description' ? 0 : endpoint.source === 'event' ? 1 : 2;
}

/** Maps the parameter names of `template` to those of `canonical` (same shape), by position. */
function renameParameters(template: string, canonical: string): Map<string, string> {
  const from = templateParameters(template);
  const to = templateParameters(canonical);
  return new Map(from.map((name, i) => [name, to[i] ?? name]));
}

function uniqueOperationId(endpoint: EndpointSnapshot, template: string, used: Set<string>): string {
  let base = endpoint.operationId;
  if (base === undefined || used.has(base)) {
    const words = template
      .split('/')
      .filter((s) => s.length > 0)
      .map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        return param ? `By${pascal(param[1]!)}` : pascal(segment);
      });
    base = endpoint.method.toLowerCase() + (words.join('') || 'Root');
  }
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${n}`;
  used.add(id);
  return id;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function buildResponses(endpoint: EndpointSnapshot): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const response of endpoint.responses) {
    const entry: Record<string, unknown> = {
      description: STATUS_CODES[response.status] ?? `Status ${response.status}`,
    };
    if (!NO_CONTENT.has(response.status) && endpoint.method !== 'HEAD' && response.contentTypes.length > 0) {
      entry.content = Object.fromEntries(
        response.contentTypes.map((type) => [
          type,
          response.schema !== undefined && JSON_TYPE.test(type) ? { schema: response.schema } : {},
        ]),
      );
    }
    entry['x-rampart-observed'] = { calls: response.calls };
    responses[String(response.status)] = entry;
  }
  if (Object.keys(responses).length === 0) responses.default = { description: 'Not observed' };
  return responses;
}

/**
 * The operation's security alternatives from the authentication its calls used, registering the schemes:
 * `{}` among them when some calls carried no credentials (optional authentication), `[]` when none did.
 */
function buildSecurity(endpoint: EndpointSnapshot, schemes: Map<string, Record<string, unknown>>): unknown[] {
  const alternatives: Record<string, string[]>[] = [];
  const add = (name: string, scheme: Record<string, unknown>) => {
    const existing = schemes.get(name);
    if (existing === undefined) schemes.set(name, scheme);
    else if (scheme.bearerFormat !== undefined) existing.bearerFormat = scheme.bearerFormat;
    if (!alternatives.some((a) => name in a)) alternatives.push({ [name]: [] });
  };
  const methods = Object.keys(endpoint.auth) as AuthSeen[];
  for (const method of methods) {
    switch (method) {
      case 'jwt':
        add('bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
        break;
      case 'bearer':
      case 'introspection':
        add('bearerAuth', { type: 'http', scheme: 'bearer' });
        break;
      case 'basic':
        add('basicAuth', { type: 'http', scheme: 'basic' });
        break;
      case 'mtls':
        add('mutualTLS', { type: 'mutualTLS' });
        break;
      case 'api-key':
      case 'cookie': {
        const location = method === 'api-key' ? ['header', 'query'] : ['cookie'];
        const placements = endpoint.apiKeys.filter((p) => location.includes(p.in));
        if (placements.length === 0) {
          placements.push(
            method === 'api-key' ? { in: 'header', name: 'X-API-Key' } : { in: 'cookie', name: 'session' },
          );
        }
        for (const placement of placements) add(schemeName(placement), apiKeyScheme(placement));
        break;
      }
      case 'none':
        break;
    }
  }
  if (methods.includes('none') && alternatives.length > 0) alternatives.push({});
  return alternatives;
}

function schemeName(placement: ApiKeyPlacement): string {
  return `${placement.in === 'cookie' ? 'cookie' : 'apiKey'}-${placement.in}-${placement.name}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
}

function apiKeyScheme(placement: ApiKeyPlacement): Record<string, unknown> {
  return { type: 'apiKey', in: placement.in, name: placement.name };
}

function dataClassesOf(endpoint: EndpointSnapshot): Record<string, unknown> {
  const request = DATA_CLASSES.filter((c) => endpoint.dataClasses.request[c] !== undefined);
  const response = DATA_CLASSES.filter((c) => endpoint.dataClasses.response[c] !== undefined);
  if (request.length === 0 && response.length === 0) return {};
  return { dataClasses: { request, response } };
}

function describeSource(snapshot: InventorySnapshot, authKnown: boolean): string {
  const range =
    snapshot.from === undefined
      ? ''
      : ` between ${new Date(snapshot.from).toISOString()} and ${new Date(snapshot.to ?? snapshot.from).toISOString()}`;
  const auth = authKnown
    ? ''
    : ' The traffic carried no authentication information (access logs do not record it), so operations declare no security requirements.';
  return `Reconstructed by Rampart from ${snapshot.events} observed ${snapshot.events === 1 ? 'call' : 'calls'}${range}; review before use.${auth}`;
}

function isPathTemplate(template: string): boolean {
  return template.startsWith('/') && template.split('/').every((segment) => TEMPLATE_SEGMENT.test(segment));
}
