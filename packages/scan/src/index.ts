export type { Canary, CanaryHit, UpstreamAnswer } from './canary/canary.js';
export { type CanaryOptions, createCanary } from './canary/create-canary.js';
export type {
  Baseline,
  CheckContext,
  CheckOptions,
  FindingDraft,
  OtpReader,
  ScanCheck,
} from './check-context.js';
export { SCAN_CHECKS } from './checks/index.js';
export { defineCheck } from './define-check.js';
export type { OperationRequestInput } from './explore/build-operation-request.js';
export { buildOperationRequest } from './explore/build-operation-request.js';
export type { PooledValue, ValuePool } from './explore/value-pool.js';
export type {
  CredentialTemplate,
  ExtractRule,
  FlowConfig,
  FlowStep,
  IdentitiesConfig,
  IdentityConfig,
  LoginFlow,
  LoginStep,
  PreflightProbe,
  RegisterFlow,
} from './identities/identities-config.js';
export {
  AUTO_IDENTITY_NAMES,
  type AutoIdentities,
  deriveAutoIdentities,
} from './bootstrap/derive-auto-identities.js';
export { type DetectedToken, detectToken, TOKEN_POINTERS } from './identities/detect-token.js';
export { createIdentitySession, type IdentitySessionOptions } from './identities/create-identity-session.js';
export type { Credentials, HeldJwt, IdentitySession, JwtPlace } from './identities/identity-session.js';
export { type ParseIdentitiesOptions, parseIdentities } from './identities/parse-identities.js';
export { type PreflightResult, preflightIdentities } from './identities/preflight-identities.js';
export { crackJwtSecret } from './jwt/crack-jwt-secret.js';
export { type DecodedJwt, decodeJwt } from './jwt/decode-jwt.js';
export { JWT_SECRET_WORDLIST } from './jwt/jwt-secret-wordlist.js';
export { createOwnershipLedger, type OwnedObject, type OwnershipLedger } from './ownership-ledger.js';
export { renderCurl } from './render-curl.js';
export {
  type CheckRun,
  type EngineError,
  type ScanOptions,
  type ScanProgress,
  type ScanResult,
  type ScanTargetInput,
  scanTarget,
} from './scan-target.js';
export { createHttpTransport, type HttpTransportOptions } from './transport/create-http-transport.js';
export type { ScanRequest, ScanResponse, ScanTransport } from './transport/scan-transport.js';
export { toHttpExchange } from './transport/to-http-exchange.js';
export { type BudgetOptions, type BudgetUsage, withBudget } from './transport/with-budget.js';
export {
  parseRetryAfter,
  type RateLimitOptions,
  type RateLimitStats,
  withRateLimit,
} from './transport/with-rate-limit.js';
export { isSafeMethod, SAFE_METHODS, withReadOnly } from './transport/with-read-only.js';
export { type ExchangeLog, type RecorderOptions, withRecorder } from './transport/with-recorder.js';
export { withRedirects } from './transport/with-redirects.js';
export { SCAN_TAG_HEADER, withScanTag } from './transport/with-scan-tag.js';
export { type ScopeStats, withScope } from './transport/with-scope.js';
export { type BuildOpenApiFromHarOptions, buildOpenApiFromHar } from './har/build-openapi-from-har.js';
export { learnModelFromHar } from './learn-model-from-har.js';
export {
  type PrioritizedModel,
  prioritizeOperations,
  type TestPlan,
  type TestPlanEntry,
} from './prioritize-operations.js';
export {
  type HostScanFailure,
  type HostScanInput,
  type HostScanOutcome,
  type HostScanSuccess,
  type ScanHostsOptions,
  scanHosts,
} from './scan-hosts.js';
export {
  SCAN_CATEGORY_WEIGHTS,
  SCAN_SEVERITY_POINTS,
  type ScanCategoryScore,
  type ScanGrade,
  type ScanScore,
  type ScanScoreCap,
  type ScanScoreDeduction,
  scoreScan,
} from './score-scan.js';
export { createTlsPostureCheck, type TlsPostureCheckOptions } from './tls/create-tls-posture-check.js';
export {
  type CertificatePosture,
  type ProbeTlsPostureOptions,
  probeTlsPosture,
  TLS_VERSIONS,
  type TlsPosture,
  type TlsVersion,
} from './tls/probe-tls-posture.js';
export { type CipherWeakness, WEAK_CIPHER_SUITES, type WeakCipherSuite } from './tls/weak-cipher-suites.js';
