import { HTTP_METHODS } from './model.js';
import type { DocumentSet } from './resolve-document-set.js';
import type { RefGraph } from './resolve-ref-graph.js';
import { isRefObject } from './resolve-ref-sites.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setMember(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function extensionsOf(raw: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(raw)) if (key.startsWith('x-')) setMember(out, key, raw[key]);
  return out;
}

/** Swagger 2.0 keywords of non-body parameters, items and headers that belong in a 3.x `schema`. */
const SCHEMA_KEYWORDS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
] as const;

const LOCAL_MOVES: ReadonlyArray<readonly [string, string]> = [
  ['#/definitions/', '#/components/schemas/'],
  ['#/responses/', '#/components/responses/'],
  ['#/securityDefinitions/', '#/components/securitySchemes/'],
];

/**
 * Converts a Swagger 2.0 root document to the OpenAPI 3.0 layout: `host`/`basePath`/`schemes` → `servers`;
 * `consumes`/`produces` → `content`; `body` and `formData` parameters → `requestBody`; `definitions` →
 * `components.schemas` (local `$ref`s rewritten); `parameters`, `responses` → `components`;
 * `securityDefinitions` → `components.securitySchemes` (oauth2 flows included); response `schema` → `content`.
 *
 * Every node made is recorded in `set.originalOf`, so `locate` points into the original 2.0 file. Documents the
 * root references stay as written: schemas in them are shared as they are; parameters, responses and path items
 * in them are converted where they are used.
 *
 * @param rawGraph reference resolution over the unconverted documents
 */
export function convertSwagger2(set: DocumentSet, rawGraph: RefGraph): Json {
  const root = set.root.value as Json;
  const rootParameters = isRecord(root['parameters']) ? root['parameters'] : {};
  const schemaCopies = new Map<object, unknown>();
  const track = <T extends object>(made: T, from: unknown): T => {
    if (typeof from === 'object' && from !== null && made !== from) set.originalOf.set(made, from);
    return made;
  };
  const ownedByRoot = (node: object) => set.ownerOf(node) === set.root;
  const globalConsumes = Array.isArray(root['consumes']) ? root['consumes'].map(String) : [];
  const globalProduces = Array.isArray(root['produces']) ? root['produces'].map(String) : [];

  const rewriteRef = (ref: string): string => {
    for (const [from, to] of LOCAL_MOVES) if (ref.startsWith(from)) return to + ref.slice(from.length);
    if (ref.startsWith('#/parameters/')) {
      const name = ref.slice('#/parameters/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
      const target = rootParameters[name];
      const where = isRecord(target) ? target['in'] : undefined;
      return where === 'body'
        ? `#/components/requestBodies/${ref.slice(13)}`
        : `#/components/parameters/${ref.slice(13)}`;
    }
    return ref;
  };

  /** A schema of the root document, copied with 2.0-only forms turned into 3.0 ones; others are shared. */
  const convertSchema = (schema: unknown): unknown => {
    if (typeof schema !== 'object' || schema === null || !ownedByRoot(schema)) return schema;
    const known = schemaCopies.get(schema);
    if (known !== undefined) return known;
    if (Array.isArray(schema)) {
      const list: unknown[] = track([], schema);
      schemaCopies.set(schema, list);
      for (const item of schema) list.push(convertSchema(item));
      return list;
    }
    const raw = schema as Json;
    const out: Json = track({}, raw);
    schemaCopies.set(schema, out);
    for (const [key, value] of Object.entries(raw)) {
      if (key === '$ref' && typeof value === 'string') out['$ref'] = rewriteRef(value);
      else if (key === 'x-nullable' && value === true) {
        out['nullable'] = true;
        setMember(out, key, value);
      } else if (key === 'type' && value === 'file') {
        out['type'] = 'string';
        out['format'] = 'binary';
      } else if (key === 'discriminator' && typeof value === 'string')
        out['discriminator'] = { propertyName: value };
      else if (key === 'example' || key === 'default' || key === 'enum' || key.startsWith('x-'))
        setMember(out, key, value);
      else setMember(out, key, convertSchema(value));
    }
    return out;
  };

  /** The 3.x `schema` of a non-body parameter, header or items object. */
  const simpleSchema = (raw: Json): Json => {
    const schema: Json = track({}, raw);
    for (const key of SCHEMA_KEYWORDS) {
      if (raw[key] === undefined) continue;
      schema[key] = key === 'items' && isRecord(raw[key]) ? simpleSchema(raw[key]) : raw[key];
    }
    if (schema['type'] === 'file') {
      schema['type'] = 'string';
      schema['format'] = 'binary';
    }
    return schema;
  };

  const convertParameter = (raw: Json): Json => {
    const out: Json = track({ name: raw['name'], in: raw['in'] }, raw);
    for (const key of ['description', 'required', 'allowEmptyValue', 'deprecated'] as const) {
      if (raw[key] !== undefined) out[key] = raw[key];
    }
    out['schema'] = simpleSchema(raw);
    const format = raw['collectionFormat'] ?? (raw['type'] === 'array' ? 'csv' : undefined);
    if (format === 'multi') Object.assign(out, { style: 'form', explode: true });
    else if (format === 'csv')
      Object.assign(
        out,
        raw['in'] === 'query' || raw['in'] === 'cookie'
          ? { style: 'form', explode: false }
          : { style: 'simple' },
      );
    else if (format === 'ssv') Object.assign(out, { style: 'spaceDelimited', explode: false });
    else if (format === 'pipes') Object.assign(out, { style: 'pipeDelimited', explode: false });
    if (raw['x-example'] !== undefined) out['example'] = raw['x-example'];
    Object.assign(out, extensionsOf(raw));
    return out;
  };

  const convertBody = (raw: Json, consumes: readonly string[]): Json => {
    const schema = convertSchema(raw['schema'] ?? {});
    const content: Json = {};
    for (const type of consumes.length > 0 ? consumes : ['application/json'])
      content[type] = track({ schema }, raw);
    const out: Json = track({ content }, raw);
    if (raw['description'] !== undefined) out['description'] = raw['description'];
    if (raw['required'] !== undefined) out['required'] = raw['required'];
    Object.assign(out, extensionsOf(raw));
    return out;
  };

  const convertFormData = (params: readonly Json[], consumes: readonly string[], site: object): Json => {
    const properties: Json = {};
    const required: string[] = [];
    for (const param of params) {
      const schema = simpleSchema(param);
      if (param['description'] !== undefined) schema['description'] = param['description'];
      setMember(properties, String(param['name']), schema);
      if (param['required'] === true) required.push(String(param['name']));
    }
    const hasFile = params.some((p) => p['type'] === 'file');
    const declared = consumes.filter((t) =>
      /multipart\/form-data|application\/x-www-form-urlencoded/i.test(t),
    );
    const types =
      declared.length > 0
        ? declared
        : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
    const schema: Json = track(
      { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
      site,
    );
    const content: Json = {};
    for (const type of types) content[type] = track({ schema }, site);
    return track({ content, ...(required.length > 0 ? { required: true } : {}) }, site);
  };

  const convertResponse = (raw: Json, produces: readonly string[]): Json => {
    const out: Json = track(
      { description: typeof raw['description'] === 'string' ? raw['description'] : '' },
      raw,
    );
    if (isRecord(raw['headers'])) {
      const headers: Json = track({}, raw['headers']);
      for (const [name, header] of Object.entries(raw['headers'])) {
        if (!isRecord(header)) continue;
        setMember(
          headers,
          name,
          track(
            {
              ...(header['description'] === undefined ? {} : { description: header['description'] }),
              schema: simpleSchema(header),
            },
            header,
          ),
        );
      }
      out['headers'] = headers;
    }
    if (raw['schema'] !== undefined) {
      const schema = convertSchema(raw['schema']);
      const examples = isRecord(raw['examples']) ? raw['examples'] : {};
      const content: Json = {};
      for (const type of produces.length > 0 ? produces : ['application/json']) {
        content[type] = track(
          { schema, ...(examples[type] === undefined ? {} : { example: examples[type] }) },
          raw,
        );
      }
      out['content'] = content;
    }
    Object.assign(out, extensionsOf(raw));
    return out;
  };

  /** A referenced object: local component references stay references; anything else is resolved here. */
  const dereference = (value: unknown): { ref?: string; target: unknown } => {
    if (!isRefObject(value)) return { target: value };
    const local = ownedByRoot(value) && value.$ref.startsWith('#/');
    let target: unknown;
    try {
      target = rawGraph.resolveRef(value);
    } catch (error) {
      if (local) return { ref: rewriteRef(value.$ref), target: undefined };
      throw error;
    }
    return local ? { ref: rewriteRef(value.$ref), target } : { target };
  };

  const convertResponses = (raw: unknown, produces: readonly string[]): unknown => {
    if (!isRecord(raw)) return raw;
    const out: Json = track({}, raw);
    for (const [status, value] of Object.entries(raw)) {
      if (status.startsWith('x-')) {
        setMember(out, status, value);
        continue;
      }
      const { ref, target } = dereference(value);
      if (ref?.startsWith('#/components/responses/')) setMember(out, status, track({ $ref: ref }, value));
      else setMember(out, status, isRecord(target) ? convertResponse(target, produces) : target);
    }
    return out;
  };

  const convertOperation = (op: Json, pathParams: readonly unknown[]): Json => {
    const consumes = Array.isArray(op['consumes']) ? op['consumes'].map(String) : globalConsumes;
    const produces = Array.isArray(op['produces']) ? op['produces'].map(String) : globalProduces;
    const out: Json = track({}, op);
    for (const key of [
      'tags',
      'summary',
      'description',
      'externalDocs',
      'operationId',
      'deprecated',
      'security',
    ] as const) {
      if (op[key] !== undefined) out[key] = op[key];
    }
    // Operation parameters win over path-level ones with the same name and location.
    const own = Array.isArray(op['parameters']) ? op['parameters'] : [];
    const parameters: unknown[] = [];
    const formData: Json[] = [];
    let body: Json | undefined;
    const seen = new Set<string>();
    for (const [fromPath, list] of [
      [false, own],
      [true, pathParams],
    ] as const) {
      for (const item of list) {
        const { ref, target } = dereference(item);
        const param = isRecord(target) ? target : undefined;
        const key = param ? `${String(param['name'])}\0${String(param['in'])}` : undefined;
        if (key !== undefined && seen.has(key)) continue;
        if (key !== undefined) seen.add(key);
        if (param?.['in'] === 'body') {
          body ??= param;
        } else if (param?.['in'] === 'formData') {
          formData.push(param);
        } else if (!fromPath) {
          // Path-level parameters stay on the path item; the model merges them.
          parameters.push(
            ref ? track({ $ref: ref }, item as object) : param ? convertParameter(param) : item,
          );
        }
      }
    }
    if (parameters.length > 0) out['parameters'] = parameters;
    if (body) out['requestBody'] = convertBody(body, consumes);
    else if (formData.length > 0) out['requestBody'] = convertFormData(formData, consumes, op);
    if (op['responses'] !== undefined) out['responses'] = convertResponses(op['responses'], produces);
    if (Array.isArray(op['schemes']) && op['schemes'].length > 0)
      out['servers'] = serversFor(op['schemes'], op);
    Object.assign(out, extensionsOf(op));
    return out;
  };

  const rootUrlScheme = /^(https?):/i.exec(set.root.url)?.[1]?.toLowerCase();
  const serversFor = (schemes: readonly unknown[], site: object): unknown[] => {
    const host = typeof root['host'] === 'string' ? root['host'] : undefined;
    const basePath = typeof root['basePath'] === 'string' ? root['basePath'] : '';
    if (!host) return basePath ? [track({ url: basePath }, site)] : [];
    const list = schemes.length > 0 ? schemes.map(String) : [rootUrlScheme ?? 'https'];
    return list.map((scheme) => track({ url: `${scheme}://${host}${basePath}` }, site));
  };

  const out: Json = track({ openapi: '3.0.3' }, root);
  if (root['info'] !== undefined) out['info'] = root['info'];
  const servers = serversFor(Array.isArray(root['schemes']) ? root['schemes'] : [], root);
  if (servers.length > 0) out['servers'] = servers;
  for (const key of ['security', 'tags', 'externalDocs'] as const)
    if (root[key] !== undefined) out[key] = root[key];

  if (isRecord(root['paths'])) {
    const paths: Json = track({}, root['paths']);
    for (const [name, value] of Object.entries(root['paths'])) {
      if (name.startsWith('x-')) {
        setMember(paths, name, value);
        continue;
      }
      const item = dereference(value).target;
      if (!isRecord(item)) {
        setMember(paths, name, item);
        continue;
      }
      const pathParams = Array.isArray(item['parameters']) ? item['parameters'] : [];
      const converted: Json = track({}, item);
      const kept: unknown[] = [];
      for (const param of pathParams) {
        const { ref, target } = dereference(param);
        if (isRecord(target) && (target['in'] === 'body' || target['in'] === 'formData')) continue;
        kept.push(
          ref ? track({ $ref: ref }, param as object) : isRecord(target) ? convertParameter(target) : param,
        );
      }
      if (kept.length > 0) converted['parameters'] = kept;
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (op === undefined) continue;
        converted[method] = isRecord(op) ? convertOperation(op, pathParams) : op;
      }
      Object.assign(converted, extensionsOf(item));
      setMember(paths, name, converted);
    }
    out['paths'] = paths;
  } else if (root['paths'] !== undefined) {
    out['paths'] = root['paths'];
  }

  const components: Json = {};
  if (isRecord(root['definitions'])) {
    const schemas: Json = track({}, root['definitions']);
    for (const [name, schema] of Object.entries(root['definitions']))
      setMember(schemas, name, convertSchema(schema));
    components['schemas'] = schemas;
  }
  if (isRecord(root['parameters'])) {
    const parameters: Json = {};
    const requestBodies: Json = {};
    for (const [name, raw] of Object.entries(root['parameters'])) {
      const { target } = dereference(raw);
      if (!isRecord(target)) continue;
      if (target['in'] === 'body') setMember(requestBodies, name, convertBody(target, globalConsumes));
      else if (target['in'] !== 'formData') setMember(parameters, name, convertParameter(target));
    }
    if (Object.keys(parameters).length > 0) components['parameters'] = track(parameters, root['parameters']);
    if (Object.keys(requestBodies).length > 0)
      components['requestBodies'] = track(requestBodies, root['parameters']);
  }
  if (isRecord(root['responses'])) {
    const responses: Json = track({}, root['responses']);
    for (const [name, raw] of Object.entries(root['responses'])) {
      const { target } = dereference(raw);
      if (isRecord(target)) setMember(responses, name, convertResponse(target, globalProduces));
    }
    components['responses'] = responses;
  }
  if (isRecord(root['securityDefinitions'])) {
    const schemes: Json = track({}, root['securityDefinitions']);
    for (const [name, raw] of Object.entries(root['securityDefinitions'])) {
      setMember(schemes, name, isRecord(raw) ? convertSecurityScheme(raw, track) : raw);
    }
    components['securitySchemes'] = schemes;
  }
  if (Object.keys(components).length > 0) out['components'] = track(components, root);
  Object.assign(out, extensionsOf(root));
  return out;
}

const FLOW_NAMES: Readonly<Record<string, string>> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};

function convertSecurityScheme(raw: Json, track: <T extends object>(made: T, from: unknown) => T): Json {
  const out: Json = track({}, raw);
  if (raw['description'] !== undefined) out['description'] = raw['description'];
  if (raw['type'] === 'basic') Object.assign(out, { type: 'http', scheme: 'basic' });
  else if (raw['type'] === 'apiKey') Object.assign(out, { type: 'apiKey', name: raw['name'], in: raw['in'] });
  else if (raw['type'] === 'oauth2') {
    const flow: Json = track({ scopes: isRecord(raw['scopes']) ? raw['scopes'] : {} }, raw);
    if (raw['authorizationUrl'] !== undefined) flow['authorizationUrl'] = raw['authorizationUrl'];
    if (raw['tokenUrl'] !== undefined) flow['tokenUrl'] = raw['tokenUrl'];
    const name = FLOW_NAMES[String(raw['flow'])] ?? 'implicit';
    out['type'] = 'oauth2';
    out['flows'] = track({ [name]: flow }, raw);
  } else out['type'] = raw['type'];
  Object.assign(out, extensionsOf(raw));
  return out;
}
