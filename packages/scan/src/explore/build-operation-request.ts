import type { Operation } from '@rampart/openapi';
import { joinTargetUrl } from '../join-target-url.js';
import type { ScanRequest } from '../transport/scan-transport.js';
import { sampleSchema } from './sample-schema.js';

/** What to put into one request for an operation. */
export interface OperationRequestInput {
  /** Path parameter values by name; a required one that is missing makes the request unbuildable. */
  readonly path?: Readonly<Record<string, string | number>>;
  /** Query parameter values by name (required ones without a value get a schema sample). */
  readonly query?: Readonly<Record<string, string | number>>;
  /** The JSON body; when omitted and the operation needs one, a schema sample (with `marker`). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly marker?: string;
}

/** The JSON media type of an operation's request body, if it has one. */
export function findJsonBodySchema(operation: Operation) {
  return operation.requestBody?.content.find((m) => /json/i.test(m.mediaType))?.schema;
}

/**
 * A concrete request for an operation on a target, or undefined when a path parameter has no value.
 * Required query and header parameters without a value get a schema sample; JSON bodies are sampled when the
 * operation has one and none is given.
 */
export function buildOperationRequest(
  operation: Operation,
  target: string,
  input: OperationRequestInput = {},
): ScanRequest | undefined {
  let path = operation.path;
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path') continue;
    const value = input.path?.[parameter.name];
    if (value === undefined) return undefined;
    path = path.split(`{${parameter.name}}`).join(encodeURIComponent(String(value)));
  }
  if (/\{[^}]+\}/.test(path)) return undefined;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query') {
      const given = input.query?.[parameter.name];
      if (given !== undefined) query.set(parameter.name, String(given));
      else if (parameter.required) {
        const sample =
          parameter.example ??
          sampleSchema(parameter.schema, input.marker ? { marker: input.marker } : {}, 0, parameter.name);
        query.set(parameter.name, typeof sample === 'object' ? JSON.stringify(sample) : String(sample));
      }
    } else if (parameter.in === 'header' && parameter.required) {
      headers[parameter.name] = String(
        parameter.example ?? sampleSchema(parameter.schema, {}, 0, parameter.name),
      );
    }
  }
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (!query.has(name)) query.set(name, String(value));
  }
  Object.assign(headers, input.headers);
  let body: string | undefined;
  const schema = findJsonBodySchema(operation);
  if (input.body !== undefined)
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  else if (schema !== undefined && operation.method !== 'get') {
    body = JSON.stringify(sampleSchema(schema, input.marker ? { marker: input.marker } : {}));
  }
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const search = query.toString();
  return {
    method: operation.method.toUpperCase(),
    url: joinTargetUrl(target, `${path}${search ? `?${search}` : ''}`),
    headers,
    ...(body === undefined ? {} : { body }),
  };
}
