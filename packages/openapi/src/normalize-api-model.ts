import { type Problem, RampartValidationError, formatLocation } from '@rampart/core';
import {
  type ApiModel,
  HTTP_METHODS,
  type Header,
  type JsonSchema,
  type MediaType,
  type NamedSchema,
  type Operation,
  type Parameter,
  type ParameterLocation,
  type RequestBody,
  type Response,
  type SecurityRequirement,
  type SecurityScheme,
  type Server,
} from './model.js';
import { locateModelNodes } from './locate-model-nodes.js';
import { normalizeSecurityScheme } from './normalize-security-scheme.js';
import { normalizeServer } from './normalize-server.js';
import type { ParsedSpecVersion } from './parse-spec-version.js';
import type { DocumentSet } from './resolve-document-set.js';
import type { RefGraph } from './resolve-ref-graph.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function extensionsOf(raw: Json): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key.startsWith('x-')) out[key] = raw[key];
  return out;
}

function text(raw: Json, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const LOCATIONS = new Set<ParameterLocation>(['path', 'query', 'header', 'cookie']);
/** Callbacks may reference each other; deeper nesting than this is not meaningful. */
const MAX_CALLBACK_DEPTH = 8;

/** What `normalizeApiModel` needs: the loaded documents, the dereferencing graph and the detected dialect. */
export interface NormalizeApiModelInput {
  readonly file: string;
  readonly set: DocumentSet;
  readonly graph: RefGraph;
  readonly version: ParsedSpecVersion;
  /** The 3.x-shaped document, `$ref`s in place. */
  readonly document: Json;
}

/**
 * Builds the `ApiModel` from a loaded, 3.x-shaped document. Every structural problem that prevents building the
 * model (a `paths` that is a list, a parameter without `in`, …) is collected, and all are thrown at once as one
 * `RampartValidationError` with code `RAMPART_ERR_OPENAPI_INVALID`.
 */
export function normalizeApiModel(input: NormalizeApiModelInput): ApiModel {
  const { file, set, graph, version, document } = input;
  const { originalOf } = set;
  const root = graph.deref(document) as Json;
  const problems: Problem[] = [];

  const problem = (node: object, key: string | undefined, pointer: string, message: string, hint: string) => {
    const location = key === undefined ? set.locate(node) : set.locateMember(node, key);
    problems.push({ path: pointer || '/', message, hint, ...(location ? { location } : {}) });
  };
  const track = <T extends object>(made: T, from: unknown): T => {
    if (typeof from === 'object' && from !== null) originalOf.set(made, from);
    return made;
  };
  const toSchema = (value: unknown): JsonSchema => {
    if (isRecord(value)) return value;
    if (value === false) return { not: {} };
    return {};
  };

  const readServers = (owner: Json, pointer: string): Server[] | undefined => {
    const raw = owner['servers'];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw)) {
      problem(
        owner,
        'servers',
        `${pointer}/servers`,
        `servers must be a list of Server Objects, got ${describeType(raw)}`,
        'Write servers as a list: "servers: [{url: https://api.example.com}]".',
      );
      return undefined;
    }
    const servers: Server[] = [];
    raw.forEach((item, i) => {
      const server = normalizeServer(item, `${pointer}/servers/${i}`);
      if (server) servers.push(track(server, item));
      else
        problem(
          isRecord(item) ? item : raw,
          isRecord(item) ? 'url' : String(i),
          `${pointer}/servers/${i}`,
          'a server needs a string "url"',
          'Give each server a url, e.g. "url: https://api.example.com/v1".',
        );
    });
    return servers;
  };

  const readSecurity = (owner: Json, pointer: string): SecurityRequirement[] | undefined => {
    const raw = owner['security'];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw)) {
      problem(
        owner,
        'security',
        `${pointer}/security`,
        `security must be a list of requirement mappings, got ${describeType(raw)}`,
        'Write e.g. "security: [{bearerAuth: []}]".',
      );
      return undefined;
    }
    const requirements: SecurityRequirement[] = [];
    raw.forEach((item, i) => {
      if (!isRecord(item)) {
        problem(
          raw,
          String(i),
          `${pointer}/security/${i}`,
          `a security requirement must be a mapping of scheme names to scope lists, got ${describeType(item)}`,
          'Write e.g. "- bearerAuth: []".',
        );
        return;
      }
      const requirement: Record<string, readonly string[]> = {};
      for (const [scheme, scopes] of Object.entries(item)) {
        requirement[scheme] = Array.isArray(scopes) ? scopes.map(String) : [];
      }
      requirements.push(track(requirement, item));
    });
    return requirements;
  };

  const readMediaTypes = (owner: Json, pointer: string): MediaType[] => {
    const raw = owner['content'];
    if (raw === undefined) return [];
    if (!isRecord(raw)) {
      problem(
        owner,
        'content',
        `${pointer}/content`,
        `content must be a mapping of media types, got ${describeType(raw)}`,
        'Write e.g. "content: {application/json: {schema: {...}}}".',
      );
      return [];
    }
    const media: MediaType[] = [];
    for (const [mediaType, value] of Object.entries(raw)) {
      const entry = isRecord(value) ? value : {};
      const schema = entry['schema'];
      media.push(
        track(
          {
            mediaType,
            ...(schema === undefined ? {} : { schema: toSchema(schema) }),
            ...(entry['example'] === undefined ? {} : { example: entry['example'] }),
            ...(isRecord(entry['encoding']) ? { encoding: entry['encoding'] } : {}),
            pointer: `${pointer}/content/${escapeSegment(mediaType)}`,
          },
          value,
        ),
      );
    }
    return media;
  };

  const readParameters = (owner: Json, pointer: string): Parameter[] => {
    const raw = owner['parameters'];
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) {
      problem(
        owner,
        'parameters',
        `${pointer}/parameters`,
        `parameters must be a list, got ${describeType(raw)}`,
        'Write parameters as a list of Parameter Objects.',
      );
      return [];
    }
    const parameters: Parameter[] = [];
    raw.forEach((item, i) => {
      const at = `${pointer}/parameters/${i}`;
      if (!isRecord(item)) {
        problem(
          raw,
          String(i),
          at,
          `a parameter must be a mapping, got ${describeType(item)}`,
          'Each parameter needs at least "name" and "in".',
        );
        return;
      }
      const name = item['name'];
      const where = item['in'];
      if (typeof name !== 'string') {
        problem(
          item,
          'name' in item ? 'name' : undefined,
          at,
          `a parameter needs a string "name", got ${describeType(name)}`,
          'Add the parameter name.',
        );
        return;
      }
      if (typeof where !== 'string' || !LOCATIONS.has(where as ParameterLocation)) {
        const swagger = where === 'body' || where === 'formData';
        problem(
          item,
          'in' in item ? 'in' : undefined,
          at,
          `parameter "${name}" has in: ${JSON.stringify(where) ?? 'undefined'}; expected path, query, header or cookie`,
          swagger
            ? `"${String(where)}" is a Swagger 2.0 location; in OpenAPI 3 use requestBody.`
            : 'Set "in" to path, query, header or cookie.',
        );
        return;
      }
      let schema = item['schema'];
      if (schema === undefined && isRecord(item['content'])) {
        const first = Object.values(item['content'])[0];
        if (isRecord(first)) schema = first['schema'];
      }
      parameters.push(
        track(
          {
            name,
            in: where as ParameterLocation,
            required: where === 'path' ? item['required'] !== false : item['required'] === true,
            deprecated: item['deprecated'] === true,
            ...(text(item, 'description') === undefined ? {} : { description: text(item, 'description')! }),
            schema: toSchema(schema),
            ...(text(item, 'style') === undefined ? {} : { style: text(item, 'style')! }),
            ...(typeof item['explode'] === 'boolean' ? { explode: item['explode'] } : {}),
            ...(typeof item['allowReserved'] === 'boolean' ? { allowReserved: item['allowReserved'] } : {}),
            ...(item['example'] === undefined ? {} : { example: item['example'] }),
            extensions: extensionsOf(item),
            pointer: at,
          },
          item,
        ),
      );
    });
    return parameters;
  };

  const readResponses = (owner: Json, pointer: string): Response[] => {
    const raw = owner['responses'];
    if (raw === undefined) return [];
    if (!isRecord(raw)) {
      problem(
        owner,
        'responses',
        `${pointer}/responses`,
        `responses must be a mapping of status codes to responses, got ${describeType(raw)}`,
        'Write e.g. "responses: {\'200\': {description: OK}}".',
      );
      return [];
    }
    const responses: Response[] = [];
    for (const [status, value] of Object.entries(raw)) {
      if (status.startsWith('x-')) continue;
      const at = `${pointer}/responses/${escapeSegment(status)}`;
      if (!isRecord(value)) {
        problem(
          raw,
          status,
          at,
          `response "${status}" must be a mapping, got ${describeType(value)}`,
          'Give the response at least a description.',
        );
        continue;
      }
      const headers: Header[] = [];
      if (isRecord(value['headers'])) {
        for (const [name, header] of Object.entries(value['headers'])) {
          const h = isRecord(header) ? header : {};
          headers.push(
            track(
              {
                name,
                required: h['required'] === true,
                schema: toSchema(h['schema']),
                pointer: `${at}/headers/${escapeSegment(name)}`,
              },
              header,
            ),
          );
        }
      }
      responses.push(
        track(
          {
            status,
            ...(text(value, 'description') === undefined ? {} : { description: text(value, 'description')! }),
            headers,
            content: readMediaTypes(value, at),
            links: isRecord(value['links']) ? value['links'] : {},
            pointer: at,
          },
          value,
        ),
      );
    }
    return responses;
  };

  const readRequestBody = (op: Json, pointer: string): RequestBody | undefined => {
    const raw = op['requestBody'];
    if (raw === undefined) return undefined;
    const at = `${pointer}/requestBody`;
    if (!isRecord(raw)) {
      problem(
        op,
        'requestBody',
        at,
        `requestBody must be a mapping, got ${describeType(raw)}`,
        'Write e.g. "requestBody: {content: {application/json: {schema: {...}}}}".',
      );
      return undefined;
    }
    return track(
      {
        required: raw['required'] === true,
        ...(text(raw, 'description') === undefined ? {} : { description: text(raw, 'description')! }),
        content: readMediaTypes(raw, at),
        pointer: at,
      },
      raw,
    );
  };

  const documentServers = readServers(root, '') ?? [];
  const documentSecurity = readSecurity(root, '');

  const readOperations = (
    pathItem: Json,
    path: string,
    pointer: string,
    isWebhook: boolean,
    depth: number,
    inheritedServers: readonly Server[],
  ): Operation[] => {
    const pathParameters = readParameters(pathItem, pointer);
    const pathServers = readServers(pathItem, pointer) ?? inheritedServers;
    const pathExtensions = extensionsOf(pathItem);
    const operations: Operation[] = [];
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (op === undefined) continue;
      const at = `${pointer}/${method}`;
      if (!isRecord(op)) {
        problem(
          pathItem,
          method,
          at,
          `the ${method.toUpperCase()} operation must be a mapping, got ${describeType(op)}`,
          'Give the operation at least "responses".',
        );
        continue;
      }
      const parameters = [...pathParameters];
      for (const parameter of readParameters(op, at)) {
        const same = parameters.findIndex((p) => p.name === parameter.name && p.in === parameter.in);
        if (same === -1) parameters.push(parameter);
        else parameters[same] = parameter;
      }
      const ownSecurity = readSecurity(op, at);
      const callbacks: Record<string, readonly Operation[]> = {};
      if (isRecord(op['callbacks']) && depth < MAX_CALLBACK_DEPTH) {
        for (const [name, callback] of Object.entries(op['callbacks'])) {
          if (!isRecord(callback)) continue;
          const list: Operation[] = [];
          for (const [expression, item] of Object.entries(callback)) {
            if (expression.startsWith('x-') || !isRecord(item)) continue;
            const itemPointer = `${at}/callbacks/${escapeSegment(name)}/${escapeSegment(expression)}`;
            list.push(...readOperations(item, expression, itemPointer, false, depth + 1, []));
          }
          callbacks[name] = list;
        }
      }
      const tags = Array.isArray(op['tags'])
        ? op['tags'].filter((t): t is string => typeof t === 'string')
        : [];
      const requestBody = readRequestBody(op, at);
      operations.push(
        track(
          {
            key: `${method.toUpperCase()} ${path}`,
            method,
            path,
            ...(text(op, 'operationId') === undefined ? {} : { operationId: text(op, 'operationId')! }),
            ...(text(op, 'summary') === undefined ? {} : { summary: text(op, 'summary')! }),
            ...(text(op, 'description') === undefined ? {} : { description: text(op, 'description')! }),
            tags,
            deprecated: op['deprecated'] === true,
            parameters,
            ...(requestBody ? { requestBody } : {}),
            responses: readResponses(op, at),
            security: ownSecurity ?? documentSecurity ?? [],
            securitySource: ownSecurity ? 'operation' : documentSecurity ? 'document' : 'none',
            callbacks,
            servers: readServers(op, at) ?? pathServers,
            extensions: { ...pathExtensions, ...extensionsOf(op) },
            pointer: at,
            isWebhook,
          },
          op,
        ),
      );
    }
    return operations;
  };

  const operations: Operation[] = [];
  const paths = root['paths'];
  if (paths === undefined) {
    if (version.specVersion !== '3.1') {
      problem(
        root,
        undefined,
        '/paths',
        'the description has no "paths"',
        'Add "paths:" with at least one path (it may be "paths: {}" for an API without endpoints).',
      );
    }
  } else if (!isRecord(paths)) {
    problem(
      root,
      'paths',
      '/paths',
      `paths must be a mapping of path templates to path items, got ${describeType(paths)}`,
      'Write paths as a mapping: "paths: {/users: {get: ...}}".',
    );
  } else {
    for (const [path, item] of Object.entries(paths)) {
      if (path.startsWith('x-')) continue;
      const at = `/paths/${escapeSegment(path)}`;
      if (!isRecord(item)) {
        problem(
          paths,
          path,
          at,
          `path "${path}" must map to a Path Item (a mapping of methods), got ${describeType(item)}`,
          'Write e.g. "/users: {get: {responses: ...}}".',
        );
        continue;
      }
      operations.push(...readOperations(item, path, at, false, 0, documentServers));
    }
  }

  const webhooks: Operation[] = [];
  if (isRecord(root['webhooks'])) {
    for (const [name, item] of Object.entries(root['webhooks'])) {
      if (isRecord(item))
        webhooks.push(
          ...readOperations(item, name, `/webhooks/${escapeSegment(name)}`, true, 0, documentServers),
        );
    }
  }

  const components = isRecord(root['components']) ? root['components'] : {};
  const securitySchemes: Record<string, SecurityScheme> = {};
  if (isRecord(components['securitySchemes'])) {
    const schemes = components['securitySchemes'];
    for (const [name, raw] of Object.entries(schemes)) {
      const at = `/components/securitySchemes/${escapeSegment(name)}`;
      const scheme = normalizeSecurityScheme(name, raw, at);
      if (typeof scheme === 'string') {
        problem(
          isRecord(raw) ? raw : schemes,
          isRecord(raw) ? 'type' : name,
          at,
          `security scheme "${name}" ${scheme}`,
          'Fix the scheme type (apiKey, http, oauth2, openIdConnect or mutualTLS).',
        );
      } else {
        securitySchemes[name] = track(scheme, raw);
      }
    }
  }

  const schemas: NamedSchema[] = [];
  if (isRecord(components['schemas'])) {
    for (const [name, schema] of Object.entries(components['schemas'])) {
      schemas.push({ name, schema: toSchema(schema), pointer: `/components/schemas/${escapeSegment(name)}` });
    }
  }

  if (problems.length > 0) {
    const first = problems[0]!;
    const where = first.location ? formatLocation(first.location) : file;
    throw new RampartValidationError(
      'RAMPART_ERR_OPENAPI_INVALID',
      `${where}: ${file} cannot be read as an API model (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      problems,
      {
        ...(first.location ? { location: first.location } : {}),
        hint: first.hint ?? 'Fix the problems listed.',
      },
    );
  }

  const info = isRecord(root['info']) ? root['info'] : {};
  const locator = locateModelNodes(set, graph, document);
  return {
    file,
    specVersion: version.specVersion,
    versionString: version.versionString,
    info: {
      title: typeof info['title'] === 'string' ? info['title'] : '',
      version: info['version'] === undefined ? '' : String(info['version']),
      ...(text(info, 'description') === undefined ? {} : { description: text(info, 'description')! }),
    },
    servers: documentServers,
    securitySchemes,
    ...(documentSecurity ? { security: documentSecurity } : {}),
    operations,
    webhooks,
    schemas,
    extensions: extensionsOf(root),
    document,
    locate: locator.locate,
    locatePointer: locator.locatePointer,
    mayHaveMember(name) {
      for (const doc of set.documents.values()) if (doc.mayHaveMember(name)) return true;
      return false;
    },
  };
}
