import { RampartError } from '@rampart/core';
import type { JsonSchema } from '@rampart/openapi';
import { findJwtPrivilegeClaim, findPrivilegeClaim } from './find-privilege-claim.js';
import { inferJsonSchema, mergeJsonSchemas, SENSITIVE_NAME } from './infer-json-schema.js';
import { templatePath } from './template-path.js';

/** Options of {@link buildOpenApiFromHar}. */
export interface BuildOpenApiFromHarOptions {
  /**
   * The target the model is for (`http://127.0.0.1:8080` or with a base path `https://host/api`): only
   * entries to its origin, under its path, are learned, and the base path is stripped. Default: the origin
   * that has the most entries.
   */
  readonly target?: string;
  /** Names the HAR in the description's title and in messages. */
  readonly file?: string;
}

interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

interface HarEntry {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers?: readonly HarNameValue[];
    readonly queryString?: readonly HarNameValue[];
    readonly cookies?: readonly HarNameValue[];
    readonly postData?: {
      readonly mimeType?: string;
      readonly text?: string;
      readonly params?: readonly HarNameValue[];
    };
  };
  readonly response: {
    readonly status: number;
    readonly headers?: readonly HarNameValue[];
    readonly content?: { readonly mimeType?: string; readonly text?: string; readonly encoding?: string };
  };
}

/** Static files and pages: traffic of the web app around the API, not the API. */
const ASSET = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|eot|html?|txt)$/i;
/** Header names that carry an API key. */
const API_KEY_HEADER = /^(x-)?(api[-_]?key|auth[-_]?token|access[-_]?token)$/i;
/** Query names that carry an API key or token. */
const API_KEY_QUERY = /^(api[-_]?key|apikey|access[-_]?token|token|key)$/i;
/** Cookie names that look like a session. */
const SESSION_COOKIE = /sess|sid$|^sid|token|auth|jwt|login/i;

interface Credential {
  readonly scheme: string;
  readonly definition: Record<string, unknown>;
}

interface OperationSamples {
  readonly method: string;
  readonly template: string;
  entries: number;
  pathParameters: Map<string, { type: string; format?: string; example: string }>;
  query: Map<string, { seen: number; values: string[] }>;
  bodies: Map<string, JsonSchema>;
  responses: Map<string, { schema?: JsonSchema; mediaType?: string }>;
  /** Credential schemes seen, and whether a request without any succeeded or was refused. */
  schemes: Set<string>;
  anonymousOk: boolean;
  anonymousRefused: boolean;
  withCredentials: number;
  /** 2xx answers to sessions known to be privileged (admin, staff), and to other credentialed sessions. */
  privilegedOk: number;
  ordinaryOk: number;
}

function header(list: readonly HarNameValue[] | undefined, name: string): string | undefined {
  return list?.find((h) => h.name.toLowerCase() === name)?.value;
}

function credentialsOf(entry: HarEntry, url: URL): Credential[] {
  const found: Credential[] = [];
  const authorization = header(entry.request.headers, 'authorization');
  if (authorization !== undefined) {
    const kind = authorization.split(' ', 1)[0]!.toLowerCase();
    if (kind === 'bearer') {
      found.push({
        scheme: 'bearerAuth',
        definition: {
          type: 'http',
          scheme: 'bearer',
          ...(/^eyJ/.test(authorization.slice(7)) ? { bearerFormat: 'JWT' } : {}),
        },
      });
    } else if (kind === 'basic')
      found.push({ scheme: 'basicAuth', definition: { type: 'http', scheme: 'basic' } });
    else {
      found.push({
        scheme: 'authorizationHeader',
        definition: { type: 'apiKey', in: 'header', name: 'Authorization' },
      });
    }
  }
  for (const h of entry.request.headers ?? []) {
    if (API_KEY_HEADER.test(h.name)) {
      found.push({ scheme: `${h.name}Header`, definition: { type: 'apiKey', in: 'header', name: h.name } });
    }
  }
  for (const name of url.searchParams.keys()) {
    if (API_KEY_QUERY.test(name)) {
      found.push({ scheme: `${name}Query`, definition: { type: 'apiKey', in: 'query', name } });
    }
  }
  const cookieNames = new Set<string>((entry.request.cookies ?? []).map((c) => c.name));
  for (const part of (header(entry.request.headers, 'cookie') ?? '').split(';')) {
    const name = part.split('=', 1)[0]!.trim();
    if (name !== '') cookieNames.add(name);
  }
  for (const name of cookieNames) {
    if (SESSION_COOKIE.test(name)) {
      found.push({ scheme: `${name}Cookie`, definition: { type: 'apiKey', in: 'cookie', name } });
    }
  }
  return found;
}

/** The credential values a request carried, one string each (`authorization:Bearer x`, `cookie:sid=…`). */
function credentialValues(entry: HarEntry, credentials: readonly Credential[], url: URL): string[] {
  const out: string[] = [];
  for (const c of credentials) {
    const name = String(c.definition['name'] ?? 'Authorization');
    const where = c.definition['type'] === 'http' ? 'header' : String(c.definition['in']);
    const value =
      where === 'header'
        ? header(entry.request.headers, name.toLowerCase())
        : where === 'query'
          ? (url.searchParams.get(name) ?? undefined)
          : cookieValue(entry, name);
    if (value !== undefined) out.push(`${where}:${name.toLowerCase()}=${value}`);
  }
  return out;
}

function cookieValue(entry: HarEntry, name: string): string | undefined {
  const listed = entry.request.cookies?.find((c) => c.name === name)?.value;
  if (listed !== undefined) return listed;
  for (const part of (header(entry.request.headers, 'cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Session cookies a response sets, as credential values (`cookie:sid=…`). */
function issuedCookies(entry: HarEntry): string[] {
  const out: string[] = [];
  for (const h of entry.response.headers ?? []) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    for (const line of h.value.split('\n')) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      const name = pair?.slice(0, eq).trim() ?? '';
      const value = pair?.slice(eq + 1).trim() ?? '';
      if (eq > 0 && value !== '' && SESSION_COOKIE.test(name))
        out.push(`cookie:${name.toLowerCase()}=${value}`);
    }
  }
  return out;
}

/** Bearer tokens a response body hands out (`accessToken`, `token`, …), as credential values. */
function issuedTokens(body: unknown): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([key, value]) => /^(access_?token|token|id_?token|jwt)$/i.test(key) && typeof value === 'string')
    .map(([, value]) => `header:authorization=Bearer ${value as string}`);
}

/**
 * The credential values of privileged sessions in the traffic: those a login answered with an account that
 * claims a privilege (`is_staff: true`, `role: admin`), those whose own-profile answer (a GET without path
 * variables, e.g. `/me`) claims one, and bearer JWTs whose claims do.
 */
function findPrivilegedCredentials(
  parsed: ReadonlyArray<{ entry: HarEntry; url: URL }>,
  inScope: (url: URL) => boolean,
): Set<string> {
  const privileged = new Set<string>();
  for (const { entry, url } of parsed) {
    if (!inScope(url)) continue;
    const credentials = credentialsOf(entry, url);
    const values = credentialValues(entry, credentials, url);
    for (const value of values) {
      const bearer = /^header:authorization=Bearer (\S+)$/i.exec(value)?.[1];
      if (bearer !== undefined && findJwtPrivilegeClaim(bearer) !== undefined) privileged.add(value);
    }
    const status = entry.response.status;
    if (status < 200 || status >= 300) continue;
    const body = parseJson(bodyText(entry.response.content));
    if (!body.ok || findPrivilegeClaim(body.value) === undefined) continue;
    const issued = [...issuedCookies(entry), ...issuedTokens(body.value)];
    if (issued.length > 0) for (const value of issued) privileged.add(value);
    else if (
      entry.request.method.toUpperCase() === 'GET' &&
      templatePath(url.pathname).parameters.length === 0
    )
      for (const value of values) privileged.add(value);
  }
  return privileged;
}

function scalarSchema(values: readonly string[]): JsonSchema {
  if (values.length > 0 && values.every((v) => /^-?\d+$/.test(v))) return { type: 'integer' };
  if (values.length > 0 && values.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return { type: 'number' };
  if (values.length > 0 && values.every((v) => v === 'true' || v === 'false')) return { type: 'boolean' };
  return { type: 'string' };
}

function typedExample(schema: JsonSchema, value: string): unknown {
  if (schema['type'] === 'integer' || schema['type'] === 'number') return Number(value);
  if (schema['type'] === 'boolean') return value === 'true';
  return value;
}

function bodyText(
  content: { readonly text?: string; readonly encoding?: string } | undefined,
): string | undefined {
  if (content?.text === undefined) return undefined;
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isApiEntry(entry: HarEntry, url: URL): boolean {
  const method = entry.request.method.toUpperCase();
  if (method === 'OPTIONS' || method === 'CONNECT') return false;
  if (ASSET.test(url.pathname)) return false;
  const mime = (
    entry.response.content?.mimeType ??
    header(entry.response.headers, 'content-type') ??
    ''
  ).toLowerCase();
  // A page load (HTML answer to a GET) is the web app, not the API.
  return !(method === 'GET' && mime.includes('text/html'));
}

function readEntries(har: unknown, file: string): HarEntry[] {
  const entries = (har as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new RampartError(
      'RAMPART_ERR_IMPORT_READ',
      `${file} is not a HAR file: it has no log.entries list`,
      {
        hint: 'export the traffic as HAR 1.2 (browser dev tools: Network → "Save all as HAR"; proxies: export HAR)',
      },
    );
  }
  const valid = entries.filter(
    (e): e is HarEntry =>
      typeof e?.request?.method === 'string' &&
      typeof e.request.url === 'string' &&
      typeof e.response?.status === 'number',
  );
  if (valid.length === 0) {
    throw new RampartError(
      'RAMPART_ERR_IMPORT_READ',
      `${file} has no usable entry (each needs request.method, request.url and response.status), got ${entries.length} entries`,
      { hint: 'record some traffic to the API first, then export it as HAR 1.2' },
    );
  }
  return valid;
}

/**
 * Builds an OpenAPI 3.1 description from recorded traffic (HAR 1.2), for APIs that have none:
 *
 * - entries to the target's origin (default: the busiest origin) under its base path, without static assets,
 *   page loads and CORS preflights;
 * - grouped by method and path template (`templatePath`: numeric, UUID, hash and token segments become
 *   `{<resource>Id}` parameters);
 * - query parameters (required when every request had them, typed from their values), JSON and form bodies
 *   (`inferJsonSchema`, merged over every sample), responses by status with their JSON schemas;
 * - security from what the requests carried (bearer or basic `Authorization`, API-key headers and query
 *   parameters, session cookies): an operation is secured when every request had credentials or one without
 *   was refused (401/403), optional when one without succeeded too, open when none had any;
 * - privileged sessions (a login or own-profile answer claiming `is_staff: true`, `role: admin`, …, or a bearer
 *   JWT whose claims do): an operation only they were seen succeeding on, while ordinary sessions used the API
 *   too, is tagged `admin` (`x-rampart-privileged-only: true`), so function-level checks try it as a user.
 *
 * Observed secrets never enter the description: credential values, and values under sensitive names, are
 * dropped. `x-rampart-learned` at the root records the origin and how many entries were used and skipped.
 * Throws `RAMPART_ERR_IMPORT_READ` when `har` is not a HAR log or nothing in it concerns the target.
 */
export function buildOpenApiFromHar(
  har: unknown,
  options: BuildOpenApiFromHarOptions = {},
): Record<string, unknown> {
  const file = options.file ?? 'HAR';
  const entries = readEntries(har, file);
  const parsed = entries.flatMap((entry) => {
    try {
      const url = new URL(entry.request.url);
      return url.protocol === 'http:' || url.protocol === 'https:' ? [{ entry, url }] : [];
    } catch {
      return [];
    }
  });
  let origin: string;
  let basePath = '';
  if (options.target !== undefined) {
    const target = new URL(options.target);
    origin = target.origin;
    basePath = target.pathname.replace(/\/+$/, '');
  } else {
    const counts = new Map<string, number>();
    for (const { url } of parsed) counts.set(url.origin, (counts.get(url.origin) ?? 0) + 1);
    origin = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }

  const operations = new Map<string, OperationSamples>();
  const schemes = new Map<string, Record<string, unknown>>();
  const inScope = (url: URL) =>
    url.origin === origin &&
    (basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
  const privileged = findPrivilegedCredentials(parsed, inScope);
  let ordinaryRequests = 0;
  let used = 0;
  for (const { entry, url } of parsed) {
    if (!inScope(url)) continue;
    if (!isApiEntry(entry, url)) continue;
    used++;
    const method = entry.request.method.toLowerCase();
    const { template, parameters } = templatePath(url.pathname.slice(basePath.length) || '/');
    const key = `${method} ${template}`;
    let op = operations.get(key);
    if (op === undefined) {
      op = {
        method,
        template,
        entries: 0,
        pathParameters: new Map(),
        query: new Map(),
        bodies: new Map(),
        responses: new Map(),
        schemes: new Set(),
        anonymousOk: false,
        anonymousRefused: false,
        withCredentials: 0,
        privilegedOk: 0,
        ordinaryOk: 0,
      };
      operations.set(key, op);
    }
    op.entries++;
    for (const p of parameters) {
      if (!op.pathParameters.has(p.name)) {
        op.pathParameters.set(p.name, {
          type: p.type,
          ...(p.format ? { format: p.format } : {}),
          example: p.value,
        });
      }
    }

    const credentials = credentialsOf(entry, url);
    for (const c of credentials) {
      schemes.set(c.scheme, c.definition);
      op.schemes.add(c.scheme);
    }
    const status = entry.response.status;
    if (credentials.length > 0) {
      op.withCredentials++;
      const isPrivileged = credentialValues(entry, credentials, url).some((v) => privileged.has(v));
      if (!isPrivileged) ordinaryRequests++;
      if (status >= 200 && status < 300) {
        if (isPrivileged) op.privilegedOk++;
        else op.ordinaryOk++;
      }
    } else if (status >= 200 && status < 300) op.anonymousOk = true;
    else if (status === 401 || status === 403) op.anonymousRefused = true;

    const credentialQuery = new Set(
      credentials.flatMap((c) => (c.definition['in'] === 'query' ? [c.definition['name'] as string] : [])),
    );
    for (const name of new Set(url.searchParams.keys())) {
      if (credentialQuery.has(name)) continue;
      const seen = op.query.get(name) ?? { seen: 0, values: [] };
      for (const value of url.searchParams.getAll(name)) {
        if (!seen.values.includes(value) && seen.values.length < 20) seen.values.push(value);
      }
      // Required only when every request had it: `seen` counts the requests that did.
      seen.seen++;
      op.query.set(name, seen);
    }

    const postData = entry.request.postData;
    if (postData?.text !== undefined || postData?.params !== undefined) {
      const mime = (postData.mimeType ?? header(entry.request.headers, 'content-type') ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      let schema: JsonSchema | undefined;
      if (mime.includes('json')) {
        const body = parseJson(postData.text);
        if (body.ok) schema = inferJsonSchema(body.value);
      } else if (mime === 'application/x-www-form-urlencoded') {
        const fields =
          postData.params ??
          [...new URLSearchParams(postData.text ?? '')].map(([name, value]) => ({ name, value }));
        const properties: Record<string, JsonSchema> = {};
        for (const f of fields) properties[f.name] = inferJsonSchema(f.value, f.name);
        schema = { type: 'object', properties, required: Object.keys(properties) };
      }
      if (schema !== undefined && mime !== '') {
        const before = op.bodies.get(mime);
        op.bodies.set(mime, before ? mergeJsonSchemas(before, schema) : schema);
      }
    }

    const statusKey = String(status);
    const responseMime = (
      entry.response.content?.mimeType ??
      header(entry.response.headers, 'content-type') ??
      ''
    )
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const before = op.responses.get(statusKey) ?? {};
    if (responseMime.includes('json')) {
      const body = parseJson(bodyText(entry.response.content));
      if (body.ok) {
        const schema = inferJsonSchema(body.value);
        op.responses.set(statusKey, {
          mediaType: responseMime,
          schema: before.schema ? mergeJsonSchemas(before.schema, schema) : schema,
        });
        continue;
      }
    }
    op.responses.set(statusKey, before);
  }
  if (operations.size === 0) {
    throw new RampartError(
      'RAMPART_ERR_IMPORT_READ',
      `${file} has no API request to ${origin || 'any http(s) origin'}${basePath} among its ${entries.length} entries`,
      {
        hint:
          options.target === undefined
            ? 'record requests to the API (not only pages and static files)'
            : 'check that --target is the origin the HAR was recorded against',
      },
    );
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...operations.values()].sort((a, b) => a.template.localeCompare(b.template))) {
    const parameters: Record<string, unknown>[] = [];
    for (const [name, p] of op.pathParameters) {
      const schema = { type: p.type, ...(p.format ? { format: p.format } : {}) };
      parameters.push({ name, in: 'path', required: true, schema, example: typedExample(schema, p.example) });
    }
    for (const [name, q] of op.query) {
      const schema = scalarSchema(q.values);
      parameters.push({
        name,
        in: 'query',
        required: q.seen >= op.entries,
        schema,
        ...(SENSITIVE_NAME.test(name) || q.values[0] === undefined
          ? {}
          : { example: typedExample(schema, q.values[0]) }),
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of [...op.responses].sort()) {
      responses[status] = {
        description: `observed ${status}`,
        ...(r.schema && r.mediaType ? { content: { [r.mediaType]: { schema: r.schema } } } : {}),
      };
    }
    const secured = [...op.schemes].sort().map((scheme) => ({ [scheme]: [] }));
    let security: Record<string, never[]>[];
    if (op.withCredentials > 0) security = op.anonymousOk ? [{}, ...secured] : secured;
    // Only seen refused without credentials: secured by one of the schemes the rest of the traffic used.
    else if (op.anonymousRefused) security = [...schemes.keys()].sort().map((scheme) => ({ [scheme]: [] }));
    else security = [];
    // Only privileged sessions (admin, staff) were seen succeeding while ordinary ones used the API too: an
    // admin function, which the function-level authorization checks should try as an ordinary user.
    const privilegedOnly =
      op.privilegedOk > 0 && op.ordinaryOk === 0 && !op.anonymousOk && ordinaryRequests > 0;
    paths[op.template] ??= {};
    paths[op.template]![op.method] = {
      summary: `Learned from ${op.entries} request${op.entries === 1 ? '' : 's'}${privilegedOnly ? ', all by privileged sessions' : ''}`,
      ...(privilegedOnly ? { tags: ['admin'], 'x-rampart-privileged-only': true } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.bodies.size > 0
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries([...op.bodies].map(([mime, schema]) => [mime, { schema }])),
            },
          }
        : {}),
      responses: Object.keys(responses).length > 0 ? responses : { default: { description: 'not observed' } },
      security,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `API learned from ${file}`, version: '0.0.0-learned' },
    servers: [{ url: `${origin}${basePath}` }],
    paths,
    ...(schemes.size > 0 ? { components: { securitySchemes: Object.fromEntries(schemes) } } : {}),
    'x-rampart-learned': {
      file,
      origin: `${origin}${basePath}`,
      entries: entries.length,
      used,
      operations: operations.size,
    },
  };
}
