import type { Blocklist, CounterStore, EventSink, Secret } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import type { Policy } from './define-policy.js';

/** An upstream the gateway forwards to. */
export interface UpstreamOptions {
  /** Absolute `http://` or `https://` URL; a path is prefixed to every forwarded path. */
  readonly url: string;
  /** Round-robin weight (how many turns in a cycle). Default 1. */
  readonly weight?: number;
  /** TLS towards this upstream; only for `https://` URLs. Absent: Node's default CAs, SNI from the URL host. */
  readonly tls?: UpstreamTlsOptions;
}

/**
 * TLS from the gateway to one `https://` upstream (Envoy's `UpstreamTlsContext`, nginx's `proxy_ssl_*`). The
 * files are read when the configuration is compiled: at start and at every `reload()`, which builds new
 * connection pools with them (requests in flight finish on the old ones).
 */
export interface UpstreamTlsOptions {
  /**
   * PEM bundle of the CAs that issue the upstream's certificate: a private PKI. It replaces Node's default CAs
   * for this upstream. Absent: the default CAs (and `NODE_EXTRA_CA_CERTS`).
   */
  readonly caFile?: string;
  /** PEM certificate chain the gateway presents to an upstream that requires mutual TLS; needs `keyFile`. */
  readonly certFile?: string;
  /** PEM private key of `certFile`. */
  readonly keyFile?: string;
  /** Passphrase of an encrypted `keyFile`. Never printed (pass a `Secret` to keep it that way in dumps). */
  readonly passphrase?: string | Secret;
  /**
   * DNS name sent as SNI and checked against the upstream's certificate, instead of the URL's host: for
   * upstreams addressed by IP or by a name their certificate does not carry. The `Host` header is unchanged.
   */
  readonly serverName?: string;
  /** `TLSv1.2` (default) or `TLSv1.3`. Older versions cannot be enabled. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /**
   * Verify the upstream's certificate chain and name. Default true. `false` accepts any certificate, which lets
   * anyone on the path read and change the traffic: for local experiments only (the config audit reports it).
   */
  readonly rejectUnauthorized?: boolean;
}

export interface HealthCheckOptions {
  /** Path probed with `GET` by the active check; absent: active checks are off (passive checks always run). */
  readonly path?: string;
  /** Interval between active probes. Default 5000. */
  readonly intervalMs?: number;
  /** Timeout of one probe. Default 2000. */
  readonly timeoutMs?: number;
  /** Consecutive failures (connect errors, or failed probes) that mark an upstream unhealthy. Default 3. */
  readonly unhealthyAfter?: number;
  /** Consecutive successful probes that mark it healthy again. Default 2. */
  readonly healthyAfter?: number;
  /** Without active checks: how long an upstream stays out of rotation after turning unhealthy. Default 10000. */
  readonly cooldownMs?: number;
}

export interface ProxyOptions {
  /** TCP/TLS connect timeout towards an upstream. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Time to wait for the upstream's response headers (else 504). Default 30000. */
  readonly headersTimeoutMs?: number;
  /** Longest silence while streaming the upstream's response body. Default 30000. */
  readonly bodyTimeoutMs?: number;
  /** Idle keep-alive time of upstream connections. Default 4000. */
  readonly keepAliveTimeoutMs?: number;
  /** Maximum connections per upstream. Default 256. */
  readonly connections?: number;
  /**
   * Extra attempts on another upstream, for idempotent methods with no or buffered body, when the failure happened
   * before any response byte (connection refused or reset). Default 1.
   */
  readonly retries?: number;
  /** Forward the client's `Host` instead of the upstream's. Default false. */
  readonly preserveHost?: boolean;
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Proxy WebSocket handshakes (`GET` with `Upgrade: websocket`, HTTP/1.1) to a dedicated upstream connection.
   * Every policy runs on the handshake as on any request (routing to the description's `GET` operation,
   * authentication, authorization, rate limits, validation); frames are not inspected. `false` refuses every
   * handshake with 403. Default true.
   */
  readonly websockets?: boolean;
  /**
   * A WebSocket tunnel with no byte in either direction for this long is closed (both sides). Default 60000;
   * 0: no idle timeout (tunnels stay open until a side closes; the config audit reports it).
   */
  readonly websocketIdleTimeoutMs?: number;
}

export interface LimitsOptions {
  /** Request line plus headers, in bytes (431 beyond). Default 16384. */
  readonly maxHeaderBytes?: number;
  /** Request target length (414 beyond). Default 8192. */
  readonly maxUrlLength?: number;
  /** Request body size (413 beyond), checked on `Content-Length` and while streaming. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /** Nesting depth of JSON bodies that a policy parses (400 beyond). Default 64. */
  readonly maxJsonDepth?: number;
  /**
   * Largest JSON response body a response policy (validation, property filtering) buffers to inspect; larger
   * responses are streamed and the policy decides whether that is acceptable. Default 1 MiB.
   */
  readonly maxResponseBufferBytes?: number;
  /** Time for the client to send the whole request (408 beyond). Default 30000. */
  readonly requestTimeoutMs?: number;
  /** Time for the client to send the request headers: the slowloris defence. Default 10000. */
  readonly headersTimeoutMs?: number;
  /** Idle time of a client keep-alive connection. Default 5000. */
  readonly keepAliveTimeoutMs?: number;
  /** WebSocket tunnels open at once, gateway-wide; handshakes beyond are refused with 503. Default 10000. */
  readonly maxWebSockets?: number;
}

export interface HstsOptions {
  /** Default 31536000 (one year). */
  readonly maxAgeSeconds?: number;
  /** Default true. */
  readonly includeSubDomains?: boolean;
  /** Default false. */
  readonly preload?: boolean;
}

export interface ClientCertificateOptions {
  /** PEM bundle of the CAs that issue client certificates. */
  readonly caFile: string;
  /** `required`: the handshake fails without a valid certificate; `optional`: requests without one go on. */
  readonly mode: 'required' | 'optional';
  /**
   * Which verified certificates are accepted: any subject common name in `subjects` or any SAN in `subjectAltNames`
   * (`DNS:client.example`, `URI:spiffe://example/ns/a`). Absent: every certificate the CA issued.
   */
  readonly allow?: { readonly subjects?: readonly string[]; readonly subjectAltNames?: readonly string[] };
}

export interface TlsOptions {
  readonly certFile: string;
  readonly keyFile: string;
  /** `TLSv1.2` (default) or `TLSv1.3`. Older versions cannot be enabled. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL cipher list for TLS 1.2. Default: ECDHE with AES-GCM or ChaCha20-Poly1305 only. */
  readonly ciphers?: string;
  /** `Strict-Transport-Security` on every response; `false` to leave it off. */
  readonly hsts?: HstsOptions | false;
  /** Poll the certificate and key files and load new ones without a restart. Default 5000; 0 turns it off. */
  readonly watchIntervalMs?: number;
  /** Mutual TLS. */
  readonly clientCertificate?: ClientCertificateOptions;
}

export interface RoutingOptions {
  /** The API description: unknown paths get 404, unknown methods 405. Absent: every request is forwarded. */
  readonly model?: ApiModel;
  /** Base paths the description's paths are mounted under (default: the description's server base paths). */
  readonly basePaths?: readonly string[];
  /** Lower-case paths before routing and forwarding, for case-insensitive upstreams. Default false. */
  readonly caseInsensitive?: boolean;
}

export interface ListenOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
}

/** Where the gateway reports problems it cannot return to a caller (certificate reload failed, sink threw). */
export interface GatewayLogger {
  warn(message: string): void;
}

/** Everything `createGateway` and `reload` accept. */
export interface GatewayOptions {
  readonly listen?: ListenOptions;
  readonly tls?: TlsOptions;
  readonly upstreams: readonly (string | UpstreamOptions)[];
  readonly proxy?: ProxyOptions;
  /**
   * Peers (CIDR ranges or addresses) whose `Forwarded`/`X-Forwarded-*` headers are believed. From everyone else
   * these headers are removed. Default: none.
   */
  readonly trustedProxies?: readonly string[];
  readonly limits?: LimitsOptions;
  readonly routing?: RoutingOptions;
  /** Configuration of each policy, by policy id. Unknown ids are errors. */
  readonly policies?: Readonly<Record<string, unknown>>;
  /** Policies beyond the built-in ones (extensions, tests); they run in their stage after the built-ins. */
  readonly customPolicies?: readonly Policy[];
  /** Receives one `ApiEvent` per request. */
  readonly eventSink?: EventSink;
  /**
   * Counters of the `rate-limit` policy: in memory by default (`createMemoryCounterStore`, kept across reloads),
   * Redis when several gateway processes share limits.
   */
  readonly counterStore?: CounterStore;
  /** Actors to refuse (`blocklist` policy), fed by the monitor's responses. */
  readonly blocklist?: Blocklist;
  /** Admin listener for `/healthz`, `/readyz`, `/metrics`; `false` turns it off. Default `127.0.0.1:9090`. */
  readonly adminListen?: ListenOptions | false;
  /** How long `close()` waits for in-flight requests before cutting them. Default 10000. */
  readonly shutdownTimeoutMs?: number;
  readonly logger?: GatewayLogger;
}
