import type { ScanCheck } from '../check-context.js';
import { api10UnsafeConsumption } from './api10-unsafe-consumption.js';
import { api10UpstreamMalformed } from './api10-upstream-malformed.js';
import { api10UpstreamTimeout } from './api10-upstream-timeout.js';
import { api1Bola } from './api1-bola.js';
import { api2CredentialsInQuery } from './api2-credentials-in-query.js';
import { api2JwtAlgNone } from './api2-jwt-alg-none.js';
import { api2JwtEmbeddedJwk } from './api2-jwt-embedded-jwk.js';
import { api2JwtExpiredAccepted } from './api2-jwt-expired-accepted.js';
import { api2JwtKeyConfusion } from './api2-jwt-key-confusion.js';
import { api2JwtKeyUrlInjection } from './api2-jwt-key-url-injection.js';
import { api2JwtKidInjection } from './api2-jwt-kid-injection.js';
import { api2JwtSignatureBypass } from './api2-jwt-signature-bypass.js';
import { api2JwtWeakSecret } from './api2-jwt-weak-secret.js';
import { api2LoginBruteForce } from './api2-login-brute-force.js';
import { api2MissingCredentials } from './api2-missing-credentials.js';
import { api2OtpBruteForce } from './api2-otp-brute-force.js';
import { api2TokenAfterLogout } from './api2-token-after-logout.js';
import { api2UserEnumeration } from './api2-user-enumeration.js';
import { api3MassAssignment } from './api3-mass-assignment.js';
import { api3SensitiveData } from './api3-sensitive-data.js';
import { api4InputBounds } from './api4-input-bounds.js';
import { api4MissingRateLimit } from './api4-missing-rate-limit.js';
import { api4RateLimitBypass } from './api4-rate-limit-bypass.js';
import { api4Redos } from './api4-redos.js';
import { api4UnboundedPageSize } from './api4-unbounded-page-size.js';
import { api5AdminFunctions } from './api5-admin-functions.js';
import { api5MethodOverride } from './api5-method-override.js';
import { api5PathTricks } from './api5-path-tricks.js';
import { api5UndocumentedMethods } from './api5-undocumented-methods.js';
import { api6BusinessFlows } from './api6-business-flows.js';
import { api7Ssrf } from './api7-ssrf.js';
import { api7SsrfRedirect } from './api7-ssrf-redirect.js';
import { api8CorsMisconfiguration } from './api8-cors-misconfiguration.js';
import { api8SecurityHeaders } from './api8-security-headers.js';
import { api8TraceEnabled } from './api8-trace-enabled.js';
import { api8VerboseErrors } from './api8-verbose-errors.js';
import { api8WebhookSignature } from './api8-webhook-signature.js';
import { api9HiddenEndpoints } from './api9-hidden-endpoints.js';
import { api9SpecDrift } from './api9-spec-drift.js';
import { api9UndocumentedParameters } from './api9-undocumented-parameters.js';
import { injectionCommand } from './injection-command.js';
import { injectionNosql } from './injection-nosql.js';
import { injectionPathTraversal } from './injection-path-traversal.js';
import { injectionSql } from './injection-sql.js';
import { injectionTemplate } from './injection-template.js';
import { api8TlsPosture } from './api8-tls-posture.js';
import { api3RoleFieldExposure } from './api3-role-field-exposure.js';

/**
 * Every check, in the order they run. Explicit: a check not listed here does not run. The rate-limit burst
 * runs last because it spends the identity's allowance on targets that do limit.
 */
export const SCAN_CHECKS: readonly ScanCheck[] = [
  api1Bola,
  api2MissingCredentials,
  api2JwtAlgNone,
  api2JwtSignatureBypass,
  api2JwtWeakSecret,
  api2JwtExpiredAccepted,
  api2JwtKeyConfusion,
  api2JwtEmbeddedJwk,
  api2JwtKeyUrlInjection,
  api2JwtKidInjection,
  api2TokenAfterLogout,
  api2CredentialsInQuery,
  api3SensitiveData,
  api3MassAssignment,
  api4UnboundedPageSize,
  api4InputBounds,
  api4Redos,
  api5AdminFunctions,
  api5MethodOverride,
  api5UndocumentedMethods,
  api5PathTricks,
  api6BusinessFlows,
  api7Ssrf,
  api7SsrfRedirect,
  api8CorsMisconfiguration,
  api8SecurityHeaders,
  api8VerboseErrors,
  api8TraceEnabled,
  api8WebhookSignature,
  api10UnsafeConsumption,
  api10UpstreamMalformed,
  api10UpstreamTimeout,
  api9HiddenEndpoints,
  api9UndocumentedParameters,
  injectionSql,
  injectionNosql,
  injectionCommand,
  injectionPathTraversal,
  injectionTemplate,
  api2UserEnumeration,
  api2OtpBruteForce,
  api2LoginBruteForce,
  api4MissingRateLimit,
  api8TlsPosture,
  api3RoleFieldExposure,
  // After the other checks: it reads what they found (API3 undocumented-field findings) and the recorded answers.
  api9SpecDrift,
  // After everything: it exhausts the limits it finds (the others would see 429s).
  api4RateLimitBypass,
];
