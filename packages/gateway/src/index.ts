export type { ApiKeyEntry, ApiKeyPolicyConfig } from './policies/api-key/api-key-policy.js';
export { apiKeyPolicy } from './policies/api-key/api-key-policy.js';
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
  PolicyResult,
  PolicyStage,
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
} from './gateway-options.js';
export type { NormalizedTarget, NormalizePathOptions } from './normalize-path.js';
export { normalizePath } from './normalize-path.js';
export type { CidrRange } from './parse-cidr.js';
export { parseCidr } from './parse-cidr.js';
export { DEFAULT_CIPHERS, parseGatewayOptions } from './parse-gateway-options.js';
export type { ClientCertificate, RequestContext } from './request-context.js';
export type { ResolvedGatewayOptions } from './resolved-gateway-options.js';
