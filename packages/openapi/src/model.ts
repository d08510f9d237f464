import type { SourceLocation } from '@rampart/core';

/**
 * The normalized model of an API description. OpenAPI 3.0, 3.1 and Swagger 2.0 all load into this one shape
 * (Swagger 2.0 is converted to the 3.x layout first), so engines never branch on the version.
 *
 * Schemas are plain JSON Schema objects taken from the document with every `$ref` replaced by the object it
 * points to. The same referenced schema is therefore the same JavaScript object wherever it is used (so a rule
 * can report one finding per schema), and recursive schemas form cycles: walk them with a visited set
 * (`walkSchema` does). `ApiModel.locate` gives the source position of any object node.
 */

export type SpecVersion = '2.0' | '3.0' | '3.1';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A JSON Schema object as found in the description (after `$ref` resolution). */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface ServerVariable {
  readonly default: string;
  readonly enum?: readonly string[];
  readonly description?: string;
}

export interface Server {
  /** As written, possibly with `{variables}`. */
  readonly url: string;
  readonly description?: string;
  readonly variables: Readonly<Record<string, ServerVariable>>;
  /** The path part of the URL with variables substituted by defaults, without a trailing slash ('' for root). */
  readonly basePath: string;
  readonly pointer: string;
}

export interface OAuthFlow {
  readonly authorizationUrl?: string;
  readonly tokenUrl?: string;
  readonly refreshUrl?: string;
  readonly scopes: Readonly<Record<string, string>>;
}

export interface SecurityScheme {
  readonly name: string;
  readonly type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  readonly description?: string;
  /** apiKey: where the key travels. */
  readonly in?: 'query' | 'header' | 'cookie';
  /** apiKey: the parameter name. */
  readonly paramName?: string;
  /** http: the scheme, lower-cased (`bearer`, `basic`, `digest`, …). */
  readonly scheme?: string;
  readonly bearerFormat?: string;
  readonly flows?: Readonly<{
    implicit?: OAuthFlow;
    password?: OAuthFlow;
    clientCredentials?: OAuthFlow;
    authorizationCode?: OAuthFlow;
  }>;
  readonly openIdConnectUrl?: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly pointer: string;
}

/** One alternative of a security requirement: every scheme named must be satisfied (AND). */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly deprecated: boolean;
  readonly description?: string;
  /** The parameter's schema; `{}` when the description gives none. */
  readonly schema: JsonSchema;
  readonly style?: string;
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  readonly example?: unknown;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly pointer: string;
}

export interface MediaType {
  /** e.g. `application/json`, `multipart/form-data`, `*\/*`. */
  readonly mediaType: string;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  /** `encoding` of multipart/form-urlencoded bodies, as written. */
  readonly encoding?: Readonly<Record<string, unknown>>;
  readonly pointer: string;
}

export interface RequestBody {
  readonly required: boolean;
  readonly description?: string;
  readonly content: readonly MediaType[];
  readonly pointer: string;
}

export interface Header {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly pointer: string;
}

export interface Response {
  /** `200`, `4XX`, `default`. */
  readonly status: string;
  readonly description?: string;
  readonly headers: readonly Header[];
  readonly content: readonly MediaType[];
  /** OpenAPI `links` by name, as written. */
  readonly links: Readonly<Record<string, unknown>>;
  readonly pointer: string;
}

export interface Operation {
  /** `GET /users/{id}`: unique within a model; stable across loads. */
  readonly key: string;
  readonly method: HttpMethod;
  /** The templated path as written in the description, e.g. `/users/{id}`. */
  readonly path: string;
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  /** Path-item and operation parameters merged (operation wins on the same name + location). */
  readonly parameters: readonly Parameter[];
  readonly requestBody?: RequestBody;
  readonly responses: readonly Response[];
  /**
   * The effective security: the operation's own `security`, else the document's. An empty array means
   * "no authentication"; an alternative that is `{}` inside a non-empty array means "authentication optional".
   */
  readonly security: readonly SecurityRequirement[];
  /** Where the effective security came from. */
  readonly securitySource: 'operation' | 'document' | 'none';
  /** Callbacks by name, each a list of the operations it declares. */
  readonly callbacks: Readonly<Record<string, readonly Operation[]>>;
  /** The effective servers (operation, path item, then document). */
  readonly servers: readonly Server[];
  /** `x-*` keys of the operation, plus those of its path item not overridden by it. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** JSON pointer of the operation object in the (normalized) document, e.g. `/paths/~1users~1{id}/get`. */
  readonly pointer: string;
  /** True for operations under `webhooks` (3.1) rather than `paths`. */
  readonly isWebhook: boolean;
}

export interface NamedSchema {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly pointer: string;
}

export interface ApiModel {
  /** The root file path or URL as given to the loader. */
  readonly file: string;
  readonly specVersion: SpecVersion;
  /** The version string as written (`3.0.3`, `3.1.0`, `2.0`). */
  readonly versionString: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
  };
  readonly servers: readonly Server[];
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
  /** The document-level `security`, or undefined when absent. */
  readonly security?: readonly SecurityRequirement[];
  readonly operations: readonly Operation[];
  /** 3.1 `webhooks`, each as an operation with `isWebhook: true`. */
  readonly webhooks: readonly Operation[];
  /** `components.schemas` (or Swagger 2.0 `definitions`), by name. */
  readonly schemas: readonly NamedSchema[];
  /** `x-*` keys at the document root. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The normalized (3.x-shaped) document, `$ref`s still in place: for validators and pointers. */
  readonly document: Readonly<Record<string, unknown>>;
  /**
   * Where an object node came from: file, JSON pointer in that file, line and column (1-based). Works for any
   * object reachable from the model (schemas, operations' raw objects, parameters' schemas). For Swagger 2.0
   * documents it points into the original 2.0 file.
   */
  locate(node: object): SourceLocation | undefined;
  /** Where a JSON pointer of the normalized document came from (nearest located ancestor when not exact). */
  locatePointer(pointer: string): SourceLocation | undefined;
  /**
   * False when no object of the loaded documents can have a member named `name` (a search of their source
   * texts finds it nowhere, and no escape could spell it), so a caller can skip walking the whole document for
   * a rare key such as `x-rampart-ignore`; true when one may. Absent on models not made by the loader: walk.
   */
  mayHaveMember?(name: string): boolean;
}
