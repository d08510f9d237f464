import { type ApiEvent, isSecretName } from '@rampart/core';
import { type ApiModel, createOperationIndex, type Operation, type OperationIndex } from '@rampart/openapi';
import { classifyEvent } from '../classify/classify-event.js';
import { DATA_CLASSES, type DataClass } from '../classify/data-class.js';
import { compileRouteTemplate, type CompiledRoute, matchRouteTemplate } from '../match-route-template.js';
import { parseBodySample } from '../parse-body-sample.js';
import { createLruMap } from '../state/create-lru-map.js';
import { buildEndpointSnapshot } from './build-endpoint-snapshot.js';
import { createPathTrie, type PathTrieNode } from './create-path-trie.js';
import { diffInventory } from './diff-inventory.js';
import { createEndpointStats, type EndpointStats, mergeEndpointStats } from './endpoint-stats.js';
import { type InventoryLimits, resolveInventoryLimits } from './inventory-limits.js';
import type { EndpointSnapshot, InventorySnapshot } from './inventory-snapshot.js';
import { markDataClass } from './mark-data-class.js';
import { type ObserveBudget, observeJsonValue, observeTextValue } from './observe-value.js';
import { readAuthSeen } from './read-auth-seen.js';
import { createValueShape, type ValueShape } from './value-shape.js';

export interface InventoryOptions {
  /**
   * The API description. Calls that match one of its operations are kept under the operation's template; the
   * snapshot then carries a diff (shadow and zombie endpoints, undocumented parameters and statuses).
   */
  readonly model?: ApiModel;
  readonly limits?: InventoryLimits;
  /**
   * Classify each call's sensitive data from its path, query, headers and body samples (default true). Either
   * way, the `dataLocations` an event carries (set by `createEventClassifier` at capture) are folded in.
   */
  readonly classify?: boolean;
}

/** A live inventory of the endpoints traffic reaches. */
export interface Inventory {
  /** Folds one call in. Never throws for any event the collector accepted. */
  observe(event: ApiEvent): void;
  /** The inventory now, as plain data (busiest endpoints first). */
  snapshot(): InventorySnapshot;
}

/**
 * Creates an inventory of the API as traffic uses it. Each call is attributed to an endpoint (method + path
 * template): the description's operation when one matches (`createOperationIndex`, the gateway's own
 * matcher), else the event's `route`, else a template inferred from paths by a trie (id-like segments become
 * parameters named after the previous segment, `/users/123` → `/users/{userId}`; positions with many distinct
 * literal values are merged into a parameter). Per endpoint it keeps calls, first and last seen, statuses,
 * content types, authentication seen, distinct clients and principals (HyperLogLog), sensitive data classes,
 * and the shapes of path, query and body parameters and of response bodies, all bounded by `limits`.
 */
export function createInventory(options: InventoryOptions = {}): Inventory {
  const limits = resolveInventoryLimits(options.limits);
  const model = options.model;
  const index: OperationIndex | undefined = model ? createOperationIndex(model.operations) : undefined;
  const operationsByKey = new Map<string, Operation>();
  const protectedLiterals = new Set<string>();
  for (const operation of model?.operations ?? []) {
    operationsByKey.set(operation.key, operation);
    for (const segment of operation.path.split('/'))
      if (!segment.includes('{')) protectedLiterals.add(segment);
  }
  const classify = options.classify ?? true;

  const documented = new Map<string, EndpointStats>();
  const routed = new Map<string, EndpointStats>();
  const trie = createPathTrie<EndpointStats>({
    mergeThreshold: limits.mergeThreshold,
    maxNodes: limits.maxEndpoints * 4,
    protectedLiterals,
    merge: (target, source) => mergeEndpointStats(target, source, limits),
    onLiteralMerged: (endpoint, position, value) => {
      const key = `#${position}`;
      let shape = endpoint.pathParams.get(key);
      if (shape === undefined) {
        shape = createValueShape();
        endpoint.pathParams.set(key, shape);
      }
      observeTextValue(shape, value, undefined, limits.maxValues, endpoint.calls);
    },
  });
  const compiledRoutes = createLruMap<string, CompiledRoute>(1024);
  let events = 0;
  let droppedEvents = 0;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;

  const endpointCount = () => documented.size + routed.size + trie.endpointCount;
  const documentationOf = (path: string): EndpointStats['documentation'] =>
    index === undefined ? 'unknown' : index.allowedMethods(path).length > 0 ? 'other-method' : 'undocumented';

  /** The endpoint of an event and its path parameters (keyed by name, or `#index` for inferred templates). */
  const resolve = (event: ApiEvent, method: string): [EndpointStats, [string, string][]] | undefined => {
    const path = event.path.length > 0 ? event.path : '/';
    const match = index?.match(method, path);
    if (match !== undefined) {
      let stats = documented.get(match.operation.key);
      if (stats === undefined) {
        if (endpointCount() >= limits.maxEndpoints) return undefined;
        stats = createEndpointStats(method, 'description', match.operation, 'documented', event.time);
        documented.set(match.operation.key, stats);
      }
      return [stats, Object.entries(match.params)];
    }
    if (event.route?.startsWith('/')) {
      const key = `${method} ${event.route}`;
      let stats = routed.get(key);
      if (stats === undefined) {
        if (endpointCount() >= limits.maxEndpoints) return undefined;
        const operation = operationsByKey.get(key);
        stats = createEndpointStats(
          method,
          'event',
          operation,
          operation !== undefined ? 'documented' : documentationOf(path),
          event.time,
        );
        routed.set(key, stats);
      }
      let compiled = compiledRoutes.get(event.route);
      if (compiled === undefined) {
        compiled = compileRouteTemplate(event.route);
        compiledRoutes.set(event.route, compiled);
      }
      return [stats, Object.entries(matchRouteTemplate(compiled, path) ?? {})];
    }
    const inserted = trie.insert(path.split('/'));
    if (inserted === undefined) return undefined;
    let stats = inserted.node.endpoints.get(method);
    if (stats === undefined) {
      if (endpointCount() >= limits.maxEndpoints) return undefined;
      stats = createEndpointStats(method, 'inferred', undefined, documentationOf(path), event.time);
      inserted.node.endpoints.set(method, stats);
      trie.countEndpoint();
    }
    return [stats, inserted.params.map(([i, value]) => [`#${i}`, safeDecode(value)])];
  };

  const shapeIn = (map: Map<string, ValueShape>, key: string, cap: number): ValueShape | undefined => {
    let shape = map.get(key);
    if (shape === undefined) {
      if (map.size >= cap) return undefined;
      shape = createValueShape();
      map.set(key, shape);
    }
    return shape;
  };

  return {
    observe(event) {
      events++;
      if (event.time < from) from = event.time;
      if (event.time > to) to = event.time;
      const method = event.method.toUpperCase();
      const resolved = resolve(event, method);
      if (resolved === undefined) {
        droppedEvents++;
        return;
      }
      const [stats, pathParams] = resolved;
      stats.calls++;
      if (event.time < stats.firstSeen) stats.firstSeen = event.time;
      if (event.time > stats.lastSeen) stats.lastSeen = event.time;

      let response = stats.statuses.get(event.status);
      if (response === undefined && stats.statuses.size < limits.maxStatuses) {
        response = { calls: 0, contentTypes: new Map(), body: undefined };
        stats.statuses.set(event.status, response);
      }
      if (response === undefined) stats.droppedStatuses++;
      else {
        response.calls++;
        const type = mediaType(
          event.responseBody?.contentType ?? headerValue(event.responseHeaders, 'content-type'),
        );
        if (type !== undefined) count(response.contentTypes, type, 8);
      }
      const requestType = mediaType(
        event.requestBody?.contentType ?? headerValue(event.requestHeaders, 'content-type'),
      );
      if (requestType !== undefined) count(stats.requestContentTypes, requestType, 8);

      const auth = readAuthSeen(event);
      for (const method of auth.methods) count(stats.auth, method, 16);
      for (const placement of auth.apiKeys) {
        if (stats.apiKeys.size < 8) stats.apiKeys.set(`${placement.in}:${placement.name}`, placement);
      }
      count(stats.authOutcomes, event.auth, 16);
      stats.clients.add(event.clientIp);
      if (event.identity !== undefined) stats.principals.add(event.identity.subject);

      for (const [name, value] of pathParams) {
        const shape = shapeIn(stats.pathParams, name, 16);
        if (shape !== undefined) observeTextValue(shape, value, name, limits.maxValues);
      }
      const seenQuery = new Set<string>();
      for (const [name, value] of queryEntries(event)) {
        if (isSecretName(name)) continue;
        const shape = shapeIn(stats.queryParams, name, limits.maxParameters);
        if (shape === undefined) {
          stats.droppedQueryParams++;
          continue;
        }
        // A repeated parameter (`?tag=a&tag=b`) counts once per call for `required`.
        if (seenQuery.has(name)) shape.count--;
        seenQuery.add(name);
        observeTextValue(shape, value, name, limits.maxValues);
      }

      let requestShape: ValueShape | undefined;
      const requestBody = parseBodySample(event.requestBody);
      if (typeof requestBody === 'object' && requestBody !== null && requestType !== undefined) {
        requestShape = shapeIn(stats.requestBodies, requestType, 4);
        if (requestShape !== undefined) observeBody(requestShape, requestBody, requestType, limits);
      }
      let responseShape: ValueShape | undefined;
      const responseBody = parseBodySample(event.responseBody);
      if (response !== undefined && typeof responseBody === 'object' && responseBody !== null) {
        response.body ??= createValueShape();
        responseShape = response.body;
        observeJsonValue(responseShape, responseBody, { nodes: limits.maxBodyNodes, limits }, undefined);
      }

      // What this call carries: classified now from the parts the event still has, plus what the classifier at
      // capture recorded in `dataLocations` (the store drops body samples unless configured to keep them).
      const matches: { class: DataClass; location: string; pointer: string }[] = classify
        ? [...classifyEvent(event, { maxNodes: limits.maxBodyNodes }).matches]
        : [];
      for (const carried of event.dataLocations ?? []) {
        const { class: dataClass, location, pointer } = carried;
        if (isDataClass(dataClass) && isDataLocation(location) && typeof pointer === 'string')
          matches.push({ class: dataClass, location, pointer });
      }
      if (matches.length > 0) {
        const requestClasses = new Set<DataClass>();
        const responseClasses = new Set<DataClass>();
        for (const match of matches) {
          (match.location.startsWith('response') ? responseClasses : requestClasses).add(match.class);
          if (match.location === 'request-body' && requestShape !== undefined) {
            markDataClass(requestShape, match.pointer, match.class);
          } else if (match.location === 'response-body' && responseShape !== undefined) {
            markDataClass(responseShape, match.pointer, match.class);
          } else if (match.location === 'query') {
            const shape = stats.queryParams.get(match.pointer.slice(1));
            if (shape !== undefined) markDataClass(shape, '', match.class);
          } else if (match.location === 'path') {
            const shape = stats.pathParams.get(`#${match.pointer.slice(1)}`);
            if (shape !== undefined) markDataClass(shape, '', match.class);
          }
        }
        for (const c of requestClasses) count(stats.requestDataClasses, c, 16);
        for (const c of responseClasses) count(stats.responseDataClasses, c, 16);
      } else if (!classify && event.dataClasses !== undefined) {
        // Classes without locations (another producer's events): where they were is unknown; listed as request.
        for (const c of event.dataClasses) if (isDataClass(c)) count(stats.requestDataClasses, c, 16);
      }
    },

    snapshot() {
      const endpoints: EndpointSnapshot[] = [];
      const maxBody = limits.maxParameters * 2;
      for (const stats of documented.values()) {
        endpoints.push(buildEndpointSnapshot(stats, stats.operation!.path, new Map(), maxBody));
      }
      for (const [key, stats] of routed) {
        endpoints.push(buildEndpointSnapshot(stats, key.slice(key.indexOf(' ') + 1), new Map(), maxBody));
      }
      for (const node of trie.nodesWithEndpoints() as PathTrieNode<EndpointStats>[]) {
        const template = trie.template(node);
        const names = trie.parameterNames(node);
        for (const stats of node.endpoints.values()) {
          endpoints.push(buildEndpointSnapshot(stats, template, names, maxBody));
        }
      }
      endpoints.sort(
        (a, b) => b.calls - a.calls || (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0),
      );
      const base = {
        events,
        droppedEvents,
        ...(events > 0 ? { from, to } : {}),
        endpoints,
      };
      return model === undefined ? base : { ...base, diff: diffInventory(base, model) };
    },
  };
}

function observeBody(shape: ValueShape, body: object, type: string, limits: ObserveBudget['limits']): void {
  if (!type.includes('form')) {
    observeJsonValue(shape, body, { nodes: limits.maxBodyNodes, limits }, undefined);
    return;
  }
  // Form fields are text: `42` is an integer, as in a query string.
  shape.count++;
  shape.objects++;
  shape.properties ??= new Map();
  for (const [name, value] of Object.entries(body as Record<string, string>)) {
    let child = shape.properties.get(name);
    if (child === undefined) {
      if (shape.properties.size >= limits.maxProperties) {
        shape.droppedProperties++;
        continue;
      }
      child = createValueShape();
      shape.properties.set(name, child);
    }
    observeTextValue(child, String(value), name, limits.maxValues);
  }
}

function count<K>(map: Map<K, number>, key: K, cap: number): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + 1);
  else if (map.size < cap) map.set(key, 1);
}

function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function queryEntries(event: ApiEvent): [string, string][] {
  if (event.query !== undefined) {
    const entries: [string, string][] = [];
    for (const [name, value] of Object.entries(event.query)) {
      if (typeof value === 'string') entries.push([name, value]);
      else for (const item of value) entries.push([name, item]);
    }
    return entries;
  }
  const q = event.rawPath.indexOf('?');
  if (q < 0) return [];
  try {
    return [...new URLSearchParams(event.rawPath.slice(q + 1))];
  } catch {
    return [];
  }
}

function safeDecode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isDataClass(value: string): value is DataClass {
  return (DATA_CLASSES as readonly string[]).includes(value);
}

const DATA_LOCATIONS = new Set<string>([
  'path',
  'query',
  'request-header',
  'request-body',
  'response-header',
  'response-body',
]);

function isDataLocation(value: string): boolean {
  return DATA_LOCATIONS.has(value);
}
