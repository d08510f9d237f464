import type { Blocklist, CounterStore, EventSink, Secret } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import type { Policy } from './define-policy.js';
import type { ClientCertificateOptions, GatewayLogger } from './gateway-options.js';

/** `GatewayOptions` after validation, with every default filled in. Frozen. */
export interface ResolvedGatewayOptions {
  readonly listen: { readonly host: string; readonly port: number };
  readonly tls:
    | {
        readonly certFile: string;
        readonly keyFile: string;
        readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
        readonly ciphers: string;
        readonly hsts: string | undefined;
        readonly watchIntervalMs: number;
        readonly clientCertificate: ClientCertificateOptions | undefined;
      }
    | undefined;
  readonly upstreams: readonly {
    readonly url: URL;
    readonly weight: number;
    /** Set only for `https:` upstreams with a `tls` block. */
    readonly tls: ResolvedUpstreamTls | undefined;
  }[];
  readonly proxy: {
    readonly connectTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly bodyTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly connections: number;
    readonly retries: number;
    readonly preserveHost: boolean;
    readonly websockets: boolean;
    readonly websocketIdleTimeoutMs: number;
    readonly healthCheck: {
      readonly path: string | undefined;
      readonly intervalMs: number;
      readonly timeoutMs: number;
      readonly unhealthyAfter: number;
      readonly healthyAfter: number;
      readonly cooldownMs: number;
    };
  };
  readonly trustedProxies: readonly string[];
  readonly limits: {
    readonly maxHeaderBytes: number;
    readonly maxUrlLength: number;
    readonly maxBodyBytes: number;
    readonly maxJsonDepth: number;
    readonly maxResponseBufferBytes: number;
    readonly requestTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly maxWebSockets: number;
  };
  readonly routing: {
    readonly model: ApiModel | undefined;
    readonly basePaths: readonly string[] | undefined;
    readonly caseInsensitive: boolean;
  };
  readonly policies: Readonly<Record<string, unknown>>;
  readonly customPolicies: readonly Policy[];
  readonly eventSink: EventSink | undefined;
  readonly counterStore: CounterStore | undefined;
  readonly blocklist: Blocklist | undefined;
  readonly adminListen: { readonly host: string; readonly port: number } | undefined;
  readonly shutdownTimeoutMs: number;
  readonly logger: GatewayLogger;
}

/** `UpstreamTlsOptions` after validation; the passphrase is always a `Secret`, so dumps never show it. */
export interface ResolvedUpstreamTls {
  readonly caFile: string | undefined;
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
  readonly passphrase: Secret | undefined;
  readonly serverName: string | undefined;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
  readonly rejectUnauthorized: boolean;
}
