import type { AuthOutcome } from '@rampart/core';
import type { JsonSchema } from '@rampart/openapi';
import type { DataClass } from '../classify/data-class.js';
import type { ApiKeyPlacement, AuthSeen } from './endpoint-stats.js';

/** The type of a parameter's observed values, as a person would say it. */
export type ParameterType =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'uuid'
  | 'date-time'
  | 'date'
  | 'email'
  | 'string'
  | 'enum'
  | 'object'
  | 'array'
  | 'null'
  | 'mixed';

/** One parameter of an endpoint as traffic used it. */
export interface ParameterSnapshot {
  readonly in: 'path' | 'query' | 'body';
  /** The name; for body properties a pointer-like path where `*` stands for any array item (`/items/*` + `/sku`). */
  readonly name: string;
  /** Calls (or, for body properties, objects) that carried it. */
  readonly count: number;
  /** Present every time: every call for path and query parameters, every enclosing object for properties. */
  readonly required: boolean;
  readonly type: ParameterType;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** The values, when few distinct word-like values were seen many times. */
  readonly enum?: readonly string[];
  readonly dataClasses?: readonly DataClass[];
  /** The inferred JSON Schema. */
  readonly schema: JsonSchema;
}

/** One response status of an endpoint. */
export interface ResponseSnapshot {
  readonly status: number;
  readonly calls: number;
  readonly contentTypes: readonly string[];
  /** Inferred from JSON body samples, when there were any. */
  readonly schema?: JsonSchema;
}

/** A request body media type and its inferred schema. */
export interface RequestBodySnapshot {
  readonly mediaType: string;
  readonly calls: number;
  readonly schema: JsonSchema;
}

/** One endpoint (method + path template) of the inventory. */
export interface EndpointSnapshot {
  readonly method: string;
  readonly template: string;
  /** `GET /accounts/{accountId}` */
  readonly endpoint: string;
  /** Where the template came from: the description, the events' own route, or inferred from paths. */
  readonly source: 'description' | 'event' | 'inferred';
  /**
   * `documented`: matches an operation of the description; `other-method`: the path is documented for other
   * methods only; `undocumented`: no operation's template matches; `unknown`: no description was given.
   */
  readonly documentation: 'documented' | 'other-method' | 'undocumented' | 'unknown';
  readonly operationId?: string;
  /** The matched operation is `deprecated: true`. */
  readonly deprecated: boolean;
  readonly calls: number;
  /** Epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Calls by response status. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly requestContentTypes: readonly string[];
  readonly responseContentTypes: readonly string[];
  /** Calls by how they authenticated. */
  readonly auth: Readonly<Partial<Record<AuthSeen, number>>>;
  /** Calls by authentication outcome, as the capturer reported it. */
  readonly authOutcomes: Readonly<Partial<Record<AuthOutcome, number>>>;
  readonly apiKeys: readonly ApiKeyPlacement[];
  /** Estimated distinct client addresses (HyperLogLog, ~6% error). */
  readonly clients: number;
  /** Estimated distinct authenticated principals. */
  readonly principals: number;
  /** Calls whose request, or response, held each data class. */
  readonly dataClasses: {
    readonly request: Readonly<Partial<Record<DataClass, number>>>;
    readonly response: Readonly<Partial<Record<DataClass, number>>>;
  };
  readonly parameters: readonly ParameterSnapshot[];
  readonly requestBodies: readonly RequestBodySnapshot[];
  readonly responses: readonly ResponseSnapshot[];
}

/** A shadow endpoint: called, answered, and absent from the description. */
export interface ShadowEndpoint {
  readonly method: string;
  readonly template: string;
  /** `undocumented-path`: no operation has this path; `undocumented-method`: the path exists for other methods. */
  readonly reason: 'undocumented-path' | 'undocumented-method';
  readonly calls: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** A deprecated operation that is still called. */
export interface ZombieEndpoint {
  readonly method: string;
  readonly template: string;
  readonly operationId?: string;
  readonly calls: number;
  readonly lastSeen: number;
}

/** A query parameter or body property sent to a documented operation that does not declare it. */
export interface UndocumentedParameter {
  readonly method: string;
  readonly template: string;
  readonly in: 'query' | 'body';
  readonly name: string;
  readonly count: number;
}

/** A status code a documented operation answered but does not declare (neither exactly, nor `4XX`, nor `default`). */
export interface UndocumentedStatus {
  readonly method: string;
  readonly template: string;
  readonly status: number;
  readonly calls: number;
}

/** A documented operation no observed call reached. */
export interface UnseenOperation {
  readonly method: string;
  readonly template: string;
  readonly operationId?: string;
  readonly deprecated: boolean;
}

/** Traffic against the description. */
export interface InventoryDiff {
  readonly shadow: readonly ShadowEndpoint[];
  readonly zombie: readonly ZombieEndpoint[];
  readonly undocumentedParameters: readonly UndocumentedParameter[];
  readonly undocumentedStatuses: readonly UndocumentedStatus[];
  /** Informational: documented but never called in the observed period. */
  readonly unseenOperations: readonly UnseenOperation[];
  /** Endpoints only ever answered 404: probes of paths that do not exist (scanning), not shadow endpoints. */
  readonly notFoundOnly: number;
}

/** The inventory at one moment. Plain data: safe to serialize and to keep after the inventory changes. */
export interface InventorySnapshot {
  /** Events observed. */
  readonly events: number;
  /** Events not attributed to an endpoint because an endpoint or node limit was reached. */
  readonly droppedEvents: number;
  /** Earliest and latest event time, epoch ms (absent before the first event). */
  readonly from?: number;
  readonly to?: number;
  /** Busiest first. */
  readonly endpoints: readonly EndpointSnapshot[];
  /** Present when the inventory has a description. */
  readonly diff?: InventoryDiff;
}
