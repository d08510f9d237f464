import { readJsonPointer } from '../identities/read-json-pointer.js';

/** The exchange a runtime expression is evaluated against (OpenAPI 3.x "Runtime Expressions"). */
export interface RuntimeExpressionContext {
  readonly url: string;
  readonly method: string;
  readonly statusCode: number;
  readonly request: {
    /** Header values by name (looked up case-insensitively). */
    readonly headers?: Readonly<Record<string, string>>;
    /** Query parameters by name; when omitted they are read from `url`. */
    readonly query?: Readonly<Record<string, string | number>>;
    /** Path parameters by name. */
    readonly path?: Readonly<Record<string, string | number>>;
    /** The parsed JSON body. */
    readonly body?: unknown;
  };
  readonly response: {
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
}

/** The runtime-expression ABNF of OpenAPI 3.x (header names are RFC 9110 tokens). */
const EXPRESSION =
  /^\$(?:url|method|statusCode|(request|response)\.(?:header\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)|query\.(.+)|path\.(.+)|body(?:#(.*))?))$/;

function headerOf(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function decodePointer(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}

/** True when `text` is exactly one runtime expression (`$response.body#/id`). */
export function isRuntimeExpression(text: string): boolean {
  return EXPRESSION.test(text);
}

/**
 * The value of one OpenAPI runtime expression (`$url`, `$method`, `$statusCode`,
 * `$request.header.X`, `$request.query.q`, `$request.path.id`, `$request.body#/ptr`, `$response.header.Location`,
 * `$response.body#/items/0/id`), or undefined when the exchange has no such value. Header names are
 * case-insensitive (RFC 9110 §5.1); the body pointer is an RFC 6901 pointer, URI-fragment-decoded.
 * Text that is not an expression evaluates to undefined (see {@link evaluateLinkValue} for constants).
 */
export function evaluateRuntimeExpression(expression: string, context: RuntimeExpressionContext): unknown {
  const match = EXPRESSION.exec(expression);
  if (match === null) return undefined;
  if (expression === '$url') return context.url;
  if (expression === '$method') return context.method.toUpperCase();
  if (expression === '$statusCode') return context.statusCode;
  const [, side, header, query, path, pointer] = match;
  const part = side === 'request' ? context.request : context.response;
  if (header !== undefined) return headerOf(part.headers, header);
  if (side === 'request' && query !== undefined) {
    const given = context.request.query?.[query];
    if (given !== undefined) return given;
    try {
      return new URL(context.url).searchParams.get(query) ?? undefined;
    } catch {
      return undefined;
    }
  }
  if (side === 'request' && path !== undefined) return context.request.path?.[path];
  if (query !== undefined || path !== undefined) return undefined;
  if (pointer === undefined || pointer === '') return part.body;
  const decoded = decodePointer(pointer);
  return decoded === undefined ? undefined : readJsonPointer(part.body, decoded);
}

/**
 * The value of a link parameter or request body as written in a description: a runtime expression
 * (`$response.body#/id`), a string embedding expressions in braces (`"/users/{$response.body#/id}"`, each
 * replaced by its value; undefined when one has none), or a constant (returned as is).
 */
export function evaluateLinkValue(value: unknown, context: RuntimeExpressionContext): unknown {
  if (typeof value !== 'string') return value;
  if (value.startsWith('$')) return evaluateRuntimeExpression(value, context);
  if (!/\{\$[^}]+\}/.test(value)) return value;
  let missing = false;
  const out = value.replace(/\{(\$[^}]+)\}/g, (_, expression: string) => {
    const found = evaluateRuntimeExpression(expression, context);
    if (found === undefined || found === null || typeof found === 'object') {
      missing = true;
      return '';
    }
    return String(found);
  });
  return missing ? undefined : out;
}
