import { type ApiModel, HTTP_METHODS, type SecurityScheme } from '@rampart/openapi';

/** What `rampart inspect` reports about an API description. Plain data (printed as JSON with `--format json`). */
export interface ApiSummary {
  readonly file: string;
  readonly title: string;
  readonly version: string;
  /** The OpenAPI/Swagger version as written, e.g. `3.1.0`. */
  readonly specVersion: string;
  readonly servers: readonly string[];
  readonly securitySchemes: readonly {
    readonly name: string;
    readonly type: string;
    readonly detail: string;
  }[];
  readonly operations: {
    readonly total: number;
    /** Upper-case method → count, in HTTP_METHODS order, methods with none left out. */
    readonly byMethod: Readonly<Record<string, number>>;
    /** Keys (`GET /health`) of operations whose effective security is empty: anyone may call them. */
    readonly withoutSecurity: readonly string[];
    /** Keys of operations where one security alternative is `{}`: authentication is optional. */
    readonly optionalSecurity: readonly string[];
    readonly deprecated: number;
  };
  readonly webhooks: number;
  readonly schemas: number;
}

function describeScheme(scheme: SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `API key in ${scheme.in ?? '?'} ${JSON.stringify(scheme.paramName ?? '?')}`;
    case 'http':
      return `HTTP ${scheme.scheme ?? '?'}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`;
    case 'oauth2': {
      const flows = Object.keys(scheme.flows ?? {});
      return `OAuth 2.0${flows.length ? ` (${flows.join(', ')})` : ''}`;
    }
    case 'openIdConnect':
      return `OpenID Connect${scheme.openIdConnectUrl ? ` (${scheme.openIdConnectUrl})` : ''}`;
    case 'mutualTLS':
      return 'mutual TLS';
  }
}

/** Summarizes a loaded API: identity, servers, security schemes, operations by method and unauthenticated ones. */
export function summarizeApi(api: ApiModel): ApiSummary {
  const byMethod: Record<string, number> = {};
  for (const method of HTTP_METHODS) {
    const count = api.operations.filter((op) => op.method === method).length;
    if (count > 0) byMethod[method.toUpperCase()] = count;
  }
  return {
    file: api.file,
    title: api.info.title,
    version: api.info.version,
    specVersion: api.versionString,
    servers: api.servers.map((s) => s.url),
    securitySchemes: Object.values(api.securitySchemes).map((scheme) => ({
      name: scheme.name,
      type: scheme.type,
      detail: describeScheme(scheme),
    })),
    operations: {
      total: api.operations.length,
      byMethod,
      withoutSecurity: api.operations.filter((op) => op.security.length === 0).map((op) => op.key),
      optionalSecurity: api.operations
        .filter((op) => op.security.length > 0 && op.security.some((alt) => Object.keys(alt).length === 0))
        .map((op) => op.key),
      deprecated: api.operations.filter((op) => op.deprecated).length,
    },
    webhooks: api.webhooks.length,
    schemas: api.schemas.length,
  };
}
