/**
 * The gateway configuration as the config audit reads it: the `gateway` section of `rampart.yaml` (see the CLI's
 * `GATEWAY_CONFIG_SCHEMA`, which mirrors `GatewayOptions` of `@rampart/gateway`). Declared here structurally
 * because the audit may not import the gateway. Every field is optional and rules must not trust types: the
 * audit also runs on files the gateway would refuse (that is when it is most useful), so a value may be of any
 * type; rules compare with `===` and check `typeof` before using a value.
 */
export interface AuditedGatewayConfig {
  readonly listen?: { readonly host?: unknown; readonly port?: unknown };
  /** List of `{ url, weight, tls: { caFile, certFile, keyFile, serverName, minVersion, rejectUnauthorized } }`. */
  readonly upstreams?: unknown;
  readonly tls?: {
    readonly cert?: unknown;
    readonly key?: unknown;
    readonly minVersion?: unknown;
    readonly clientCertificate?: unknown;
  };
  readonly trustedProxies?: unknown;
  readonly proxy?: { readonly websockets?: unknown; readonly websocketIdleTimeoutMs?: unknown };
  readonly routing?: { readonly spec?: unknown };
  readonly policies?: AuditedGatewayPolicies;
  readonly admin?: {
    readonly enabled?: unknown;
    readonly listen?: { readonly host?: unknown; readonly port?: unknown };
  };
}

/** `gateway.policies`, by policy id; absent means the policy is off. */
export interface AuditedGatewayPolicies {
  readonly jwt?: {
    readonly issuers?: unknown;
    readonly clockToleranceSeconds?: unknown;
    readonly failMode?: unknown;
  };
  readonly introspection?: { readonly failMode?: unknown };
  readonly 'api-key'?: { readonly scheme?: unknown; readonly in?: unknown };
  readonly authorize?: unknown;
  readonly 'rate-limit'?: { readonly limits?: unknown; readonly quotas?: unknown };
  readonly 'request-validation'?: { readonly request?: unknown; readonly response?: unknown };
  readonly 'ssrf-guard'?: unknown;
  readonly 'ip-filter'?: unknown;
  readonly blocklist?: unknown;
  readonly injection?: { readonly mode?: unknown };
}
