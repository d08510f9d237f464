import type { ApiModel, Operation, Response } from '@rampart/openapi';
import type { ScanResponse } from '../transport/scan-transport.js';
import type { OperationRequestInput } from './build-operation-request.js';
import { evaluateLinkValue, type RuntimeExpressionContext } from './evaluate-runtime-expression.js';

/** A request the description's `links` say can follow a response: the linked operation and its inputs. */
export interface LinkedRequest {
  /** The link's name in the description. */
  readonly link: string;
  readonly operation: Operation;
  readonly input: {
    readonly path: Record<string, string | number>;
    readonly query: Record<string, string | number>;
    readonly headers: Record<string, string>;
    readonly body?: unknown;
  };
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** The declared response for a status: exact (`201`), then range (`2XX`), then `default`. */
export function findDeclaredResponse(operation: Operation, status: number): Response | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    operation.responses.find((r) => r.status === 'default')
  );
}

/** The operation a link points at, by `operationId` or by an `operationRef` to `#/paths/…/<method>`. */
function findLinkedOperation(model: ApiModel, link: Record<string, unknown>): Operation | undefined {
  if (typeof link['operationId'] === 'string') {
    return model.operations.find((op) => op.operationId === link['operationId']);
  }
  if (typeof link['operationRef'] !== 'string') return undefined;
  const hash = link['operationRef'].indexOf('#');
  if (hash < 0) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(link['operationRef'].slice(hash + 1));
  } catch {
    return undefined;
  }
  return model.operations.find((op) => op.pointer === pointer);
}

const scalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

/**
 * The requests an exchange's declared response `links` lead to (OpenAPI 3.x Link Object): each link's target
 * operation, with the link's `parameters` (plain `id` or qualified `path.id`, `query.q`, `header.X`) and
 * `requestBody` evaluated as runtime expressions against the exchange. Links whose target is unknown are
 * skipped; a link that leaves a required path parameter without a value is returned without it (the caller's
 * `buildOperationRequest` then refuses it).
 */
export function resolveLinks(
  model: ApiModel,
  operation: Operation,
  response: ScanResponse,
  request: { readonly path?: Readonly<Record<string, string | number>>; readonly body?: unknown } = {},
): LinkedRequest[] {
  const declared = findDeclaredResponse(operation, response.status);
  if (declared === undefined || Object.keys(declared.links).length === 0) return [];
  let responseBody: unknown;
  try {
    responseBody = JSON.parse(response.body);
  } catch {
    responseBody = undefined;
  }
  let requestBody = request.body;
  if (requestBody === undefined && response.request.body !== undefined) {
    try {
      requestBody = JSON.parse(response.request.body);
    } catch {
      requestBody = response.request.body;
    }
  }
  const context: RuntimeExpressionContext = {
    url: response.request.url,
    method: response.request.method,
    statusCode: response.status,
    request: {
      headers: response.request.headers ?? {},
      path: request.path ?? {},
      body: requestBody,
    },
    response: { headers: response.headers, body: responseBody },
  };
  const out: LinkedRequest[] = [];
  for (const [name, raw] of Object.entries(declared.links)) {
    const link = asObject(raw);
    const target = link && findLinkedOperation(model, link);
    if (link === undefined || target === undefined) continue;
    const input = {
      path: {} as Record<string, string | number>,
      query: {} as Record<string, string | number>,
      headers: {} as Record<string, string>,
    };
    for (const [key, expression] of Object.entries(asObject(link['parameters']) ?? {})) {
      const value = evaluateLinkValue(expression, context);
      if (!scalar(value)) continue;
      const qualified = /^(path|query|header|cookie)\.(.+)$/.exec(key);
      const where = qualified?.[1] ?? target.parameters.find((p) => p.name === key)?.in;
      const paramName = qualified?.[2] ?? key;
      if (where === 'path') input.path[paramName] = value;
      else if (where === 'query') input.query[paramName] = value;
      else if (where === 'header') input.headers[paramName] = String(value);
    }
    const body =
      link['requestBody'] === undefined ? undefined : evaluateLinkValue(link['requestBody'], context);
    out.push({ link: name, operation: target, input: body === undefined ? input : { ...input, body } });
  }
  return out;
}

/** The {@link OperationRequestInput} of a linked request. */
export function toLinkedRequestInput(linked: LinkedRequest): OperationRequestInput {
  return {
    path: linked.input.path,
    query: linked.input.query,
    headers: linked.input.headers,
    ...(linked.input.body === undefined ? {} : { body: linked.input.body }),
  };
}
