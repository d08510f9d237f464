import type { CheckContext } from '../check-context.js';
import { toRequestInput } from '../explore/build-pooled-input.js';
import type { ScanRequest } from '../transport/scan-transport.js';
import type { InjectionTarget, InjectionPoint } from './list-injection-targets.js';

const PLACEHOLDER = 'rampartplaceholder7q';

/** The value a point has in the base input (what the payload is appended to), or undefined. */
export function baseValueOf(target: InjectionTarget, point: InjectionPoint): string | undefined {
  const value =
    point.in === 'body'
      ? target.base.body?.[point.name]
      : point.in === 'path'
        ? target.base.path[point.name]
        : point.in === 'query'
          ? target.base.query[point.name]
          : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * The target's base request with `value` at `point`. With `raw`, a query or path value goes into the URL
 * exactly as given (for pre-encoded payloads such as `..%2f`); otherwise it is URL-encoded as usual. A body
 * value may be any JSON value (an operator object for NoSQL injection).
 */
export function buildInjectedRequest(
  ctx: CheckContext,
  target: InjectionTarget,
  point: InjectionPoint,
  value: unknown,
  options: { readonly raw?: boolean } = {},
): ScanRequest | undefined {
  const input = toRequestInput(target.base);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const slot = options.raw ? PLACEHOLDER : text;
  const request =
    point.in === 'body'
      ? ctx.buildRequest(target.operation, {
          ...input,
          body: { ...(target.base.body ?? {}), [point.name]: value },
        })
      : point.in === 'path'
        ? ctx.buildRequest(target.operation, { ...input, path: { ...target.base.path, [point.name]: slot } })
        : point.in === 'query'
          ? ctx.buildRequest(target.operation, {
              ...input,
              query: { ...target.base.query, [point.name]: slot },
            })
          : ctx.buildRequest(target.operation, { ...input, headers: { [point.name]: text } });
  if (request === undefined || !options.raw) return request;
  return { ...request, url: request.url.replace(PLACEHOLDER, text) };
}
