import type { Secret, Severity } from '@rampart/core';

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

/** `gateway`: the reverse proxy. */
export interface GatewayConfig {
  readonly listen: ListenConfig;
  readonly upstreams: readonly { readonly name?: string; readonly url: string }[];
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly admin: { readonly listen: ListenConfig };
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
