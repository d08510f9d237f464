import type { Secret, Severity } from '@rampart/core';
import type {
  ApiKeyEntry,
  ApiKeyPolicyConfig,
  AuthorizePolicyConfig,
  BlocklistPolicyConfig,
  ClientCertificateOptions,
  InjectionPolicyConfig,
  IntrospectionPolicyConfig,
  IpFilterPolicyConfig,
  JwtIssuerConfig,
  JwtPolicyConfig,
  LimitsOptions,
  ProxyOptions,
  RateLimitPolicyConfig,
  RequestValidationPolicyConfig,
  SsrfGuardPolicyConfig,
} from '@rampart/gateway';

/** A host and port to listen on. */
export interface ListenConfig {
  readonly host: string;
  readonly port: number;
}

/** `audit`: the static audit. */
export interface AuditConfig {
  readonly rules: {
    readonly enable: readonly string[];
    readonly disable: readonly string[];
    readonly severity: Readonly<Record<string, Severity>>;
  };
  readonly failOn: Severity | 'none';
  readonly minScore?: number;
  readonly baseline?: string;
  readonly formats: readonly ('text' | 'json' | 'sarif' | 'junit' | 'html')[];
  readonly output?: string;
}

/** `scan`: the active scanner. */
export interface ScanConfig {
  readonly targets: readonly string[];
  readonly identities?: string;
  readonly rate: number;
  readonly budget: number;
  readonly readOnly: boolean;
}

/** `gateway`: the reverse proxy; see `GATEWAY_CONFIG_SCHEMA` and `GatewayOptions` of `@rampart/gateway`. */
export interface GatewayConfig {
  readonly listen: ListenConfig;
  readonly workers: number;
  readonly upstreams: readonly {
    readonly name?: string;
    readonly url: string;
    readonly weight?: number;
    readonly tls?: GatewayUpstreamTlsConfig;
  }[];
  readonly proxy?: ProxyOptions;
  readonly tls?: GatewayTlsConfig;
  readonly trustedProxies: readonly string[];
  readonly limits?: LimitsOptions;
  readonly routing?: {
    readonly spec?: string;
    readonly rejectUnknown?: true;
    readonly basePaths?: readonly string[];
    readonly caseInsensitive?: boolean;
  };
  readonly policies: GatewayPoliciesConfig;
  readonly admin: { readonly enabled: boolean; readonly listen: ListenConfig };
  readonly shutdownTimeoutMs?: number;
  readonly reload: { readonly watch: boolean; readonly debounceMs: number };
}

/** `gateway.tls`. */
export interface GatewayTlsConfig {
  readonly cert: string;
  readonly key: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly ciphers?: string;
  readonly hsts?: {
    readonly enabled?: boolean;
    readonly maxAgeSeconds?: number;
    readonly includeSubDomains?: boolean;
    readonly preload?: boolean;
  };
  readonly watchIntervalMs?: number;
  readonly clientCertificate?: Omit<ClientCertificateOptions, 'mode'> & {
    readonly mode?: ClientCertificateOptions['mode'];
  };
}

/** `gateway.upstreams[].tls`: files relative to the configuration file, the passphrase wrapped in `Secret`. */
export interface GatewayUpstreamTlsConfig {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly passphrase?: Secret;
  readonly passphraseFromEnv?: string;
  readonly serverName?: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly rejectUnauthorized?: boolean;
}

/** A JWK in the configuration: the HMAC secret `k` is wrapped in `Secret`. */
export type JwkConfig = { readonly kty: string; readonly k?: Secret } & Readonly<
  Record<string, string | Secret | undefined>
>;

/** `gateway.policies.jwt.issuers[]`. */
export type JwtIssuerSettings = Omit<JwtIssuerConfig, 'keys' | 'audience'> & {
  readonly audience: readonly string[];
  readonly keys?: readonly JwkConfig[];
  readonly secretFromEnv?: string;
};

/** `gateway.policies`: each built-in policy's configuration, as the gateway takes it except for secrets. */
export interface GatewayPoliciesConfig {
  readonly jwt?: Omit<JwtPolicyConfig, 'issuers'> & { readonly issuers: readonly JwtIssuerSettings[] };
  readonly introspection?: Omit<IntrospectionPolicyConfig, 'clientSecret'> & {
    readonly clientSecret: Secret;
  };
  readonly 'api-key'?: Omit<ApiKeyPolicyConfig, 'keys'> & {
    readonly keys: readonly (Omit<ApiKeyEntry, 'sha256'> & { readonly sha256: Secret })[];
  };
  readonly authorize?: AuthorizePolicyConfig;
  readonly 'rate-limit'?: RateLimitPolicyConfig;
  readonly 'request-validation'?: RequestValidationPolicyConfig;
  readonly 'ssrf-guard'?: SsrfGuardPolicyConfig;
  readonly 'ip-filter'?: IpFilterPolicyConfig;
  readonly blocklist?: BlocklistPolicyConfig;
  readonly injection?: InjectionPolicyConfig;
}

/** `monitor`: detectors and alerts. */
export interface MonitorConfig {
  readonly detectors: { readonly disable: readonly string[] };
}

/** `store`: persistence. */
export interface StoreConfig {
  readonly driver: 'sqlite' | 'postgres';
  readonly sqlite: { readonly path: string };
  readonly postgres?: { readonly url: Secret };
}

/** `console`: the web console. */
export interface ConsoleConfig {
  readonly listen: ListenConfig;
  readonly sessionSecret?: Secret;
}

/**
 * The effective configuration: `rampart.yaml`, then environment variables, then flags, with the schema's
 * defaults filled in, secrets wrapped in `Secret`, deep-frozen. Its shape mirrors `CONFIG_SCHEMA`.
 */
export interface RampartConfig {
  readonly $schema?: string;
  readonly audit: AuditConfig;
  readonly scan: ScanConfig;
  readonly gateway: GatewayConfig;
  readonly monitor: MonitorConfig;
  readonly store: StoreConfig;
  readonly console: ConsoleConfig;
}
