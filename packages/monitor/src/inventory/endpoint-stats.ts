import type { AuthOutcome } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import type { DataClass } from '../classify/data-class.js';
import { createHyperLogLog, type HyperLogLog } from '../state/create-hyperloglog.js';
import type { ResolvedInventoryLimits } from './inventory-limits.js';
import { mergeValueShapes } from './merge-value-shapes.js';
import type { ValueShape } from './value-shape.js';

/**
 * How a caller authenticated, as far as the event tells: the identity's method when the gateway or a sensor
 * resolved one (`jwt`, `api-key`, …); else read from the redacted request (`bearer` for an `Authorization:
 * Bearer` header, `basic`, `api-key` for a key-named header or query parameter, `cookie`); `none` when nothing.
 */
export type AuthSeen = 'jwt' | 'introspection' | 'api-key' | 'mtls' | 'basic' | 'cookie' | 'bearer' | 'none';

/** Where an API key travelled: `header`, `query` or `cookie`, and the parameter's name. */
export interface ApiKeyPlacement {
  readonly in: 'header' | 'query' | 'cookie';
  readonly name: string;
}

/** A response status as observed: how often, the content types, and the body's shape when samples were seen. */
export interface ResponseStats {
  calls: number;
  readonly contentTypes: Map<string, number>;
  body: ValueShape | undefined;
}

/** Everything an inventory keeps about one endpoint (method + template). Bounded by the inventory's limits. */
export interface EndpointStats {
  readonly method: string;
  /** Where the template came from: the description, the event's own route, or inferred from paths. */
  readonly source: 'description' | 'event' | 'inferred';
  /** The description's operation, when the endpoint is documented. */
  readonly operation: Operation | undefined;
  /** With a description, whether the path is documented for another method (vs not at all). */
  readonly documentation: 'documented' | 'other-method' | 'undocumented' | 'unknown';
  calls: number;
  firstSeen: number;
  lastSeen: number;
  readonly statuses: Map<number, ResponseStats>;
  droppedStatuses: number;
  readonly requestContentTypes: Map<string, number>;
  readonly auth: Map<AuthSeen, number>;
  readonly authOutcomes: Map<AuthOutcome, number>;
  /** API key placements seen, keyed `in:name`. */
  readonly apiKeys: Map<string, ApiKeyPlacement>;
  /** Distinct client addresses. */
  readonly clients: HyperLogLog;
  /** Distinct authenticated principals. */
  readonly principals: HyperLogLog;
  readonly requestDataClasses: Map<DataClass, number>;
  readonly responseDataClasses: Map<DataClass, number>;
  /** Path parameters: by name for description and event routes, by `#<segment index>` for inferred templates. */
  readonly pathParams: Map<string, ValueShape>;
  readonly queryParams: Map<string, ValueShape>;
  droppedQueryParams: number;
  /** Request bodies by media type (JSON and form bodies only). */
  readonly requestBodies: Map<string, ValueShape>;
}

export function createEndpointStats(
  method: string,
  source: EndpointStats['source'],
  operation: Operation | undefined,
  documentation: EndpointStats['documentation'],
  time: number,
): EndpointStats {
  return {
    method,
    source,
    operation,
    documentation,
    calls: 0,
    firstSeen: time,
    lastSeen: time,
    statuses: new Map(),
    droppedStatuses: 0,
    requestContentTypes: new Map(),
    auth: new Map(),
    authOutcomes: new Map(),
    apiKeys: new Map(),
    clients: createHyperLogLog(8),
    principals: createHyperLogLog(8),
    requestDataClasses: new Map(),
    responseDataClasses: new Map(),
    pathParams: new Map(),
    queryParams: new Map(),
    droppedQueryParams: 0,
    requestBodies: new Map(),
  };
}

/** Folds `source` (an endpoint being merged away, e.g. when path literals become a parameter) into `target`. */
export function mergeEndpointStats(
  target: EndpointStats,
  source: EndpointStats,
  limits: ResolvedInventoryLimits,
): void {
  target.calls += source.calls;
  target.firstSeen = Math.min(target.firstSeen, source.firstSeen);
  target.lastSeen = Math.max(target.lastSeen, source.lastSeen);
  for (const [status, stats] of source.statuses) {
    const existing = target.statuses.get(status);
    if (existing === undefined) {
      if (target.statuses.size < limits.maxStatuses) target.statuses.set(status, stats);
      else target.droppedStatuses += stats.calls;
      continue;
    }
    existing.calls += stats.calls;
    addCounts(existing.contentTypes, stats.contentTypes);
    if (stats.body !== undefined) {
      if (existing.body === undefined) existing.body = stats.body;
      else mergeValueShapes(existing.body, stats.body, limits);
    }
  }
  target.droppedStatuses += source.droppedStatuses;
  addCounts(target.requestContentTypes, source.requestContentTypes);
  addCounts(target.auth, source.auth);
  addCounts(target.authOutcomes, source.authOutcomes);
  for (const [key, placement] of source.apiKeys) target.apiKeys.set(key, placement);
  target.clients.merge(source.clients);
  target.principals.merge(source.principals);
  addCounts(target.requestDataClasses, source.requestDataClasses);
  addCounts(target.responseDataClasses, source.responseDataClasses);
  mergeShapeMaps(target.pathParams, source.pathParams, Number.POSITIVE_INFINITY, limits);
  target.droppedQueryParams +=
    source.droppedQueryParams +
    mergeShapeMaps(target.queryParams, source.queryParams, limits.maxParameters, limits);
  mergeShapeMaps(target.requestBodies, source.requestBodies, 4, limits);
}

function addCounts<K>(target: Map<K, number>, source: ReadonlyMap<K, number>): void {
  for (const [key, n] of source) target.set(key, (target.get(key) ?? 0) + n);
}

/** Merges shape maps by key; returns how many keys were dropped for the cap. */
function mergeShapeMaps(
  target: Map<string, ValueShape>,
  source: ReadonlyMap<string, ValueShape>,
  cap: number,
  limits: ResolvedInventoryLimits,
): number {
  let dropped = 0;
  for (const [key, shape] of source) {
    const existing = target.get(key);
    if (existing !== undefined) mergeValueShapes(existing, shape, limits);
    else if (target.size < cap) target.set(key, shape);
    else dropped++;
  }
  return dropped;
}
