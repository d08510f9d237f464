import type { JsonSchema, Operation, Parameter } from '@rampart/openapi';
import { isRedirectLikeName, isUrlLikeName, wordsOf } from '../classify-name.js';
import { schemaSequenceKey } from '../inspect/schema-sequence-key.js';
import { propertyPathOf, walkPropertyNames } from '../inspect/walk-property-names.js';

/** One input of an operation that carries a URL (or a host) the server may fetch or redirect to. */
export interface UrlInput {
  /** The parameter or property name (for `format: uri` map values: the map's name). */
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie' | 'body';
  /** The string schema of the value. */
  readonly schema: JsonSchema;
  /** The node to report: the `Parameter`, or the property's schema object. */
  readonly node: object;
  /** True when the value is limited by `pattern`, `enum` or `const`. */
  readonly constrained: boolean;
  /** True when the name reads like a post-action redirect target (`redirect_uri`, `returnTo`, `next`). */
  readonly redirectLike: boolean;
  /**
   * `strong`: a URL format, or a name with url/uri/href/webhook/callback/endpoint/feed in it; `weak`: a name that
   * often but not always holds a URL or host (`host`, `domain`, `target`, `source`, `next`, `image`).
   */
  readonly evidence: 'strong' | 'weak';
  /** How deep in the body the property sits (1 = top-level property); 0 for parameters. */
  readonly depth: number;
  /** e.g. `query parameter "url"`, `request property "webhook.target"`. */
  readonly label: string;
}

const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference']);
const STRONG_WORDS = new Set([
  'url',
  'urls',
  'uri',
  'uris',
  'href',
  'iri',
  'webhook',
  'webhooks',
  'callback',
  'endpoint',
  'feed',
]);
/** `webhookName`, `endpointType`, `urlTemplate`: about a URL, not one. */
const NOT_A_VALUE = new Set([
  'name',
  'names',
  'identifier',
  'identifiers',
  'type',
  'types',
  'id',
  'ids',
  'arn',
  'key',
  'kind',
  'status',
  'state',
  'count',
  'enabled',
  'method',
  'version',
  'format',
  'mode',
  'template',
  'config',
  'configuration',
  'settings',
  'details',
  'policy',
  'length',
  'size',
]);
const JSONP = /jsonp/i;

function evidenceOf(name: string | undefined, schema: JsonSchema): 'strong' | 'weak' {
  const format = schema['format'];
  if (typeof format === 'string' && URL_FORMATS.has(format)) return 'strong';
  return name !== undefined && wordsOf(name).some((w) => STRONG_WORDS.has(w)) ? 'strong' : 'weak';
}
const HOST_FORMATS = new Set(['hostname', 'idn-hostname', 'ipv4', 'ipv6']);

function isStringLike(schema: JsonSchema): boolean {
  const type = schema['type'];
  if (type === undefined) {
    return ['properties', 'items', 'allOf', 'anyOf', 'oneOf', 'additionalProperties'].every(
      (k) => schema[k] === undefined,
    );
  }
  if (type === 'string') return true;
  return Array.isArray(type) && type.includes('string');
}

function isConstrained(schema: JsonSchema): boolean {
  return (
    typeof schema['pattern'] === 'string' || Array.isArray(schema['enum']) || schema['const'] !== undefined
  );
}

/** Whether a value with this name and schema is a URL input: a URL format, or a URL-like name on a string. */
function isUrlValue(name: string | undefined, schema: JsonSchema): boolean {
  const format = schema['format'];
  if (typeof format === 'string' && URL_FORMATS.has(format)) return true;
  if (name === undefined || !isStringLike(schema) || !isUrlLikeName(name)) return false;
  if (NOT_A_VALUE.has(wordsOf(name).at(-1) ?? '')) return false;
  // Google-style `callback` query parameters name a JSONP function, not a URL.
  if (typeof schema['description'] === 'string' && JSONP.test(schema['description'])) return false;
  // A URL-like name with another format (uuid, date, binary, email) is not a URL.
  return format === undefined || (typeof format === 'string' && HOST_FORMATS.has(format));
}

function fromParameter(parameter: Parameter): UrlInput | undefined {
  const schema =
    parameter.schema['type'] === 'array' && typeof parameter.schema['items'] === 'object'
      ? (parameter.schema['items'] as JsonSchema)
      : parameter.schema;
  if (!isUrlValue(parameter.name, schema) || JSONP.test(parameter.description ?? '')) return undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    schema,
    node: parameter,
    constrained: isConstrained(schema),
    redirectLike: isRedirectLikeName(parameter.name),
    evidence: evidenceOf(parameter.name, schema),
    depth: 0,
    label: `${parameter.in} parameter "${parameter.name}"`,
  };
}

/**
 * Every URL-carrying input of `operation`: path, query, header and cookie parameters and request body
 * properties at any depth (including array items), recognised by a URL format (`uri`, `url`, `iri`,
 * `uri-reference`) or a URL-like name on a string (`url`, `callbackUrl`, `webhook`, `redirect_uri`, `next`,
 * `host`…; see `isUrlLikeName`). Read-only properties are skipped: the client does not send them.
 */
export function findUrlInputs(operation: Operation): readonly UrlInput[] {
  // Several rules ask for every operation's URL inputs: computed once per operation.
  let inputs = byOperation.get(operation);
  if (inputs === undefined) {
    inputs = [];
    for (const parameter of operation.parameters) {
      const input = fromParameter(parameter);
      if (input !== undefined) inputs.push(input);
    }
    const roots: JsonSchema[] = [];
    for (const media of operation.requestBody?.content ?? []) if (media.schema) roots.push(media.schema);
    if (roots.length > 0) inputs.push(...bodyUrlInputs(roots));
    byOperation.set(operation, inputs);
  }
  return inputs;
}

const byOperation = new WeakMap<Operation, UrlInput[]>();
/** Body inputs by the sequence of body schemas (keyed on the first): operations share their bodies. */
const byBody = new WeakMap<JsonSchema, Map<string, readonly UrlInput[]>>();

function bodyUrlInputs(roots: readonly JsonSchema[]): readonly UrlInput[] {
  let forFirst = byBody.get(roots[0]!);
  if (forFirst === undefined) {
    forFirst = new Map();
    byBody.set(roots[0]!, forFirst);
  }
  const key = schemaSequenceKey(roots);
  let found = forFirst.get(key);
  if (found === undefined) {
    found = walkBodies(roots);
    forFirst.set(key, found);
  }
  return found;
}

function walkBodies(roots: readonly JsonSchema[]): UrlInput[] {
  const inputs: UrlInput[] = [];
  const seen = new Set<object>();
  for (const root of roots) {
    walkPropertyNames(root, (schema, _last, _depth, link) => {
      if (schema['readOnly'] === true) return 'skip';
      if (link === undefined || seen.has(schema)) return undefined;
      let name: string | undefined;
      for (let l: typeof link | undefined = link; l !== undefined && name === undefined; l = l.parent) {
        if (l.name !== '[]' && l.name !== '*') name = l.name;
      }
      if (!isUrlValue(name, schema)) return undefined;
      const propertyPath = propertyPathOf(link);
      const named = propertyPath.filter((p) => p !== '[]' && p !== '*');
      // Name-based matches count on the property itself or its array items, not on other schemas under it.
      const tail = propertyPath.slice(propertyPath.lastIndexOf(name ?? '') + 1);
      if (!tail.every((p) => p === '[]') && !URL_FORMATS.has(String(schema['format']))) return undefined;
      seen.add(schema);
      inputs.push({
        name: name ?? 'body',
        in: 'body',
        schema,
        node: schema,
        constrained: isConstrained(schema),
        redirectLike: name !== undefined && isRedirectLikeName(name),
        evidence: evidenceOf(name, schema),
        depth: named.length,
        label: `request property "${named.join('.') || 'body'}"`,
      });
      return undefined;
    });
  }
  return inputs;
}
