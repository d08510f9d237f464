export type { ApiKeyEntry, ApiKeyPolicyConfig } from './policies/api-key/api-key-policy.js';
export { apiKeyPolicy } from './policies/api-key/api-key-policy.js';
export type {
  AuthorizePolicyConfig,
  ObjectReference,
  ObjectRule,
  OwnerRule,
} from './policies/authorize/authorize-policy.js';
export { authorizePolicy, DEFAULT_PRIVILEGED_PROPERTIES } from './policies/authorize/authorize-policy.js';
export type { RelationGraph, RelationRules } from './policies/authorize/create-relation-graph.js';
export { createRelationGraph } from './policies/authorize/create-relation-graph.js';
export type { BlocklistPolicyConfig } from './policies/blocklist/blocklist-policy.js';
export { blocklistPolicy } from './policies/blocklist/blocklist-policy.js';
export type { InjectionPolicyConfig } from './policies/injection/injection-policy.js';
export { injectionPolicy } from './policies/injection/injection-policy.js';
export type { IntrospectionPolicyConfig } from './policies/introspection/introspection-policy.js';
export { introspectionPolicy } from './policies/introspection/introspection-policy.js';
export type { IpFilterPolicyConfig } from './policies/ip-filter/ip-filter-policy.js';
export { ipFilterPolicy } from './policies/ip-filter/ip-filter-policy.js';
export type { JwksCache, JwksCacheOptions } from './policies/jwt/create-jwks-cache.js';
export { createJwksCache, JwksUnavailableError } from './policies/jwt/create-jwks-cache.js';
export type { JwtIssuerConfig, JwtPolicyConfig } from './policies/jwt/jwt-policy.js';
export { jwtPolicy } from './policies/jwt/jwt-policy.js';
export type {
  FlowQuota,
  RateLimitKey,
  RateLimitPolicyConfig,
  RateLimitRule,
} from './policies/rate-limit/rate-limit-policy.js';
export { rateLimitPolicy } from './policies/rate-limit/rate-limit-policy.js';
export type { RequestValidationPolicyConfig } from './policies/request-validation/request-validation-policy.js';
export { requestValidationPolicy } from './policies/request-validation/request-validation-policy.js';
export type { UrlGuard, UrlGuardOptions } from './policies/ssrf-guard/create-url-guard.js';
export { createUrlGuard } from './policies/ssrf-guard/create-url-guard.js';
export type { SsrfGuardPolicyConfig } from './policies/ssrf-guard/ssrf-guard-policy.js';
export { ssrfGuardPolicy } from './policies/ssrf-guard/ssrf-guard-policy.js';
export type {
  CounterResult,
  MemoryCounterStore,
  MemoryCounterStoreOptions,
} from './create-memory-counter-store.js';
export { createMemoryCounterStore } from './create-memory-counter-store.js';
export { BUILTIN_POLICIES } from './policies/builtin-policies.js';
export { limitsPolicy } from './policies/limits/limits-policy.js';
export { mtlsPolicy } from './policies/mtls/mtls-policy.js';
export { routePolicy } from './policies/route/route-policy.js';
export type { AddressMatcher } from './create-address-matcher.js';
export { createAddressMatcher } from './create-address-matcher.js';
export type { Gateway, ListenAddress } from './create-gateway.js';
export { createGateway } from './create-gateway.js';
export type {
  Denial,
  Policy,
  PolicyCompileContext,
  PolicyHandler,
  PolicyHandlers,
  PolicyResult,
  PolicyStage,
  ResponseHandler,
} from './define-policy.js';
export { definePolicy, POLICY_STAGES } from './define-policy.js';
export { DenialError } from './denial-error.js';
export type {
  ClientCertificateOptions,
  GatewayLogger,
  GatewayOptions,
  HealthCheckOptions,
  HstsOptions,
  LimitsOptions,
  ListenOptions,
  ProxyOptions,
  RoutingOptions,
  TlsOptions,
  UpstreamOptions,
  UpstreamTlsOptions,
} from './gateway-options.js';
export type { NormalizedTarget, NormalizePathOptions } from './normalize-path.js';
export { normalizePath } from './normalize-path.js';
export type { CidrRange } from './parse-cidr.js';
export { parseCidr } from './parse-cidr.js';
export { DEFAULT_CIPHERS, parseGatewayOptions } from './parse-gateway-options.js';
export type {
  ClientCertificate,
  RequestContext,
  ResponseJson,
  UpstreamResponse,
} from './request-context.js';
export type { ResolvedGatewayOptions, ResolvedUpstreamTls } from './resolved-gateway-options.js';
