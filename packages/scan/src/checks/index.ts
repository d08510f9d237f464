import type { ScanCheck } from '../check-context.js';
import { api1Bola } from './api1-bola.js';
import { api2JwtAlgNone } from './api2-jwt-alg-none.js';
import { api2JwtExpiredAccepted } from './api2-jwt-expired-accepted.js';
import { api2JwtSignatureBypass } from './api2-jwt-signature-bypass.js';
import { api2JwtWeakSecret } from './api2-jwt-weak-secret.js';
import { api2MissingCredentials } from './api2-missing-credentials.js';
import { api2TokenAfterLogout } from './api2-token-after-logout.js';
import { api4MissingRateLimit } from './api4-missing-rate-limit.js';
import { api5AdminFunctions } from './api5-admin-functions.js';
import { api5MethodOverride } from './api5-method-override.js';
import { api8CorsMisconfiguration } from './api8-cors-misconfiguration.js';
import { api8SecurityHeaders } from './api8-security-headers.js';
import { api8TraceEnabled } from './api8-trace-enabled.js';
import { api8VerboseErrors } from './api8-verbose-errors.js';
import { api9HiddenEndpoints } from './api9-hidden-endpoints.js';

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
  api2TokenAfterLogout,
  api5AdminFunctions,
  api5MethodOverride,
  api8CorsMisconfiguration,
  api8SecurityHeaders,
  api8VerboseErrors,
  api8TraceEnabled,
  api9HiddenEndpoints,
  api4MissingRateLimit,
];
