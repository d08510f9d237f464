import type { ApiEvent } from '@rampart/core';
import { type ApiModel, createOperationIndex, type Operation, type OperationIndex } from '@rampart/openapi';
import { compileRouteTemplate, type CompiledRoute, matchRouteTemplate } from './match-route-template.js';
import { createLruMap } from './state/create-lru-map.js';
import { templatizePath } from './templatize-path.js';

/** Where an event went, as far as the monitor can tell. */
export interface ResolvedRoute {
  /** The templated path: the event's route, the description's matching operation, or one inferred from the path. */
  readonly template: string;
  /** `GET /accounts/{id}` */
  readonly endpoint: string;
  /** Path parameters by name (from the template). */
  readonly params: Readonly<Record<string, string>>;
  /** The operation of the description it matched, when there is a description and it matched. */
  readonly operation: Operation | undefined;
  /**
   * `documented`: the description has this method and path; `other-method`: the path is documented for other
   * methods only; `undocumented`: no template of the description matches the path; `unknown`: no description.
   */
  readonly documentation: 'documented' | 'other-method' | 'undocumented' | 'unknown';
  /** Where the template came from. */
  readonly source: 'event' | 'description' | 'inferred';
}

export interface RouteResolver {
  /** Resolves an event's route. The last answer is memoized, so every detector can ask for the same event. */
  resolve(event: ApiEvent): ResolvedRoute;
}

/**
 * Creates the resolver detectors share. With a description, paths are matched with `createOperationIndex` (the
 * gateway's own matcher); an event's `route` is trusted when the event has one; otherwise id-like segments are
 * templated by `templatizePath`. Compiled route templates are cached in a bounded map.
 */
export function createRouteResolver(model?: ApiModel): RouteResolver {
  const index: OperationIndex | undefined = model ? createOperationIndex(model.operations) : undefined;
  const byKey = new Map<string, Operation>();
  for (const operation of model?.operations ?? []) byKey.set(operation.key, operation);
  const compiled = createLruMap<string, CompiledRoute>(4096);
  let lastEvent: ApiEvent | undefined;
  let lastRoute: ResolvedRoute | undefined;

  const resolveUncached = (event: ApiEvent): ResolvedRoute => {
    const method = event.method.toUpperCase();
    if (index !== undefined) {
      const match = index.match(method, event.path);
      if (match !== undefined) {
        const template = match.operation.path;
        return {
          template,
          endpoint: `${method} ${template}`,
          params: match.params,
          operation: match.operation,
          documentation: 'documented',
          source: 'description',
        };
      }
    }
    const documentation =
      index === undefined
        ? 'unknown'
        : index.allowedMethods(event.path).length > 0
          ? 'other-method'
          : 'undocumented';
    if (event.route !== undefined) {
      let route = compiled.get(event.route);
      if (route === undefined) {
        route = compileRouteTemplate(event.route);
        compiled.set(event.route, route);
      }
      const params = matchRouteTemplate(route, event.path) ?? {};
      const operation = byKey.get(`${method} ${event.route}`);
      return {
        template: event.route,
        endpoint: `${method} ${event.route}`,
        params,
        operation,
        documentation: operation !== undefined ? 'documented' : documentation,
        source: 'event',
      };
    }
    const inferred = templatizePath(event.path);
    return {
      template: inferred.template,
      endpoint: `${method} ${inferred.template}`,
      params: inferred.params,
      operation: undefined,
      documentation,
      source: 'inferred',
    };
  };

  return {
    resolve(event) {
      if (event === lastEvent && lastRoute !== undefined) return lastRoute;
      lastRoute = resolveUncached(event);
      lastEvent = event;
      return lastRoute;
    },
  };
}
