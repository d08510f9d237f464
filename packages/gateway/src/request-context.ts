import type { IncomingHttpHeaders } from 'node:http';
import type { AuthOutcome, Identity } from '@rampart/core';
import type { Operation } from '@rampart/openapi';

/** The verified client certificate of an mTLS connection (RFC 8705), as later stages see it. */
export interface ClientCertificate {
  /** The subject as `CN=client-a, O=Example` (RDNs in certificate order). */
  readonly subject: string;
  /** The subject's common name, when it has one. */
  readonly commonName?: string;
  /** Subject alternative names as `DNS:host`, `IP Address:1.2.3.4`, `URI:spiffe://…`, `email:…`. */
  readonly subjectAltNames: readonly string[];
  readonly issuer: string;
  /** SHA-256 fingerprint, upper-case hex with colons, as Node reports it. */
  readonly fingerprint256: string;
  /** Whether the certificate chains to the configured CA bundle. */
  readonly authorized: boolean;
}

/**
 * One request as the policies see it. Created by the gateway for every request; policies read it and set
 * `identity`, `auth` and response headers on it. Everything a policy needs is here, so a policy never touches the
 * raw Node request.
 *
 * Stage notes: `path`, `query`, `operation`, `route` and `params` are set before the `route` stage runs (the
 * `accept` and `limits` stages see `rawUrl` only); `operation`/`route`/`params` are set by the route stage.
 */
export interface RequestContext {
  /** The correlation id: returned to the client in problem responses and `x-request-id`, and the event's id. */
  readonly id: string;
  /** Upper-case method. */
  readonly method: string;
  /** The request target as received (may be absolute-form). Never use it for decisions: use `path`. */
  readonly rawUrl: string;
  /** The normalized path (see `normalizePath`): what is routed, authorized and forwarded. */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  /**
   * Request headers (lower-case names). `Forwarded`/`X-Forwarded-*` and similar are already removed unless the
   * peer is a trusted proxy.
   */
  readonly headers: IncomingHttpHeaders;
  /** The client's address after trusted-proxy resolution. */
  readonly clientIp: string;
  /** True when the client connected over TLS. */
  readonly secure: boolean;
  /** The client certificate, on TLS connections that presented one. */
  readonly clientCertificate: ClientCertificate | undefined;
  /** Declared request body size, when the client sent `Content-Length`. */
  readonly contentLength: number | undefined;
  /** Whether the request carries a body at all (`Content-Length` above 0, or `Transfer-Encoding`). */
  readonly hasBody: boolean;
  /** Who the caller is, once an authentication stage (or mTLS) has established it. */
  identity: Identity | undefined;
  /** How authentication ended; `none` until an authentication stage runs. */
  auth: AuthOutcome;
  /** The matched operation of the API description, when routing with a model. */
  operation: Operation | undefined;
  /** The matched templated path, e.g. `/users/{id}`. */
  route: string | undefined;
  /** Path parameters of the matched operation, decoded. */
  params: Readonly<Record<string, string>>;
  /**
   * Reads the whole request body into memory, at most `limit` bytes (default and ceiling: the gateway's
   * `limits.maxBodyBytes`). Larger bodies are refused with 413. The buffered body is what gets forwarded, so a
   * policy may call this and the upstream still receives the body. Repeated calls return the same buffer.
   */
  readBody(limit?: number): Promise<Buffer>;
  /**
   * Reads and parses a JSON body; refuses with 400 when it is not JSON or nests deeper than `limits.maxJsonDepth`,
   * with 413 when larger than `limit`. Repeated calls return the same value.
   */
  readJson(limit?: number): Promise<unknown>;
  /** Adds a header to the response, whether forwarded or refused (e.g. `RateLimit`, `Retry-After`). */
  setResponseHeader(name: string, value: string): void;
  /** Per-request scratch space for policies, keyed by policy id. */
  readonly locals: Map<string, unknown>;
  /**
   * Security schemes of the API description (by name) that this request's credentials satisfy, each with the
   * scopes the credential grants. Authentication policies add to it; the `authorize` policy evaluates the
   * operation's security requirements (alternatives of schemes, each with required scopes) against it.
   */
  readonly satisfiedSchemes: Map<string, readonly string[]>;
  /**
   * Records that a policy in observe mode would have refused the request: the event gets verdict `observe` and
   * `deniedBy` (the first such record), unless the request is refused afterwards.
   */
  observe(policy: string, reason: string): void;
  /**
   * Declares that a response handler will read this request's response body: the upstream is asked for an
   * uncompressed response (`Accept-Encoding: identity`), so the body can be parsed. Call it from a request
   * handler, only for operations whose responses a policy inspects.
   */
  inspectResponse(): void;
}

/**
 * What `UpstreamResponse.readJson` found: the parsed body, or why there is none. Only `json` carries a value;
 * `too-large` (above `limits.maxResponseBufferBytes`), `encoded` (compressed despite `inspectResponse`),
 * `not-json` (no JSON media type), `empty` and `malformed` bodies are forwarded unchanged unless a handler refuses.
 */
export type ResponseJson =
  | { readonly state: 'json'; readonly value: unknown }
  | { readonly state: 'not-json' | 'empty' | 'too-large' | 'encoded' | 'malformed' };

/** The upstream's answer as response handlers see it, before anything reaches the client. */
export interface UpstreamResponse {
  readonly status: number;
  /** The upstream's headers (lower-case names). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The media type without parameters, lower case (`application/json`), when the upstream sent one. */
  readonly mediaType: string | undefined;
  /** True for `application/json` and `*+json` media types. */
  readonly isJson: boolean;
  /**
   * Buffers and parses the body when it is JSON and at most `limits.maxResponseBufferBytes`; everything else is
   * never buffered (a body found too large while reading is forwarded from what was read on). Repeated calls
   * return the same result.
   */
  readJson(): Promise<ResponseJson>;
  /** Replaces the body sent to the client by `JSON.stringify(value)` (after `readJson` found JSON). */
  replaceJson(value: unknown): void;
}
