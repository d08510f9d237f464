import type { GatewayConfigRule } from './define-gateway-config-rule.js';
import { gatewayAdminExposed } from './rules/gateway-admin-exposed.js';
import { gatewayApiKeyInQuery } from './rules/gateway-api-key-in-query.js';
import { gatewayAuthenticationFailOpen } from './rules/gateway-authentication-fail-open.js';
import { gatewayBusinessFlowWithoutQuota } from './rules/gateway-business-flow-without-quota.js';
import { gatewayInjectionNotBlocking } from './rules/gateway-injection-not-blocking.js';
import { gatewayJwtClockToleranceTooLong } from './rules/gateway-jwt-clock-tolerance-too-long.js';
import { gatewayJwtWeakAlgorithms } from './rules/gateway-jwt-weak-algorithms.js';
import { gatewayNoApiDescription } from './rules/gateway-no-api-description.js';
import { gatewayNoAuthentication } from './rules/gateway-no-authentication.js';
import { gatewayNoRateLimit } from './rules/gateway-no-rate-limit.js';
import { gatewayPlainHttpExposed } from './rules/gateway-plain-http-exposed.js';
import { gatewayRateLimitOnlyByIp } from './rules/gateway-rate-limit-only-by-ip.js';
import { gatewayRequestValidationOff } from './rules/gateway-request-validation-off.js';
import { gatewayResponseValidationOff } from './rules/gateway-response-validation-off.js';
import { gatewayTlsOutdatedVersion } from './rules/gateway-tls-outdated-version.js';
import { gatewayTrustedProxiesTooWide } from './rules/gateway-trusted-proxies-too-wide.js';
import { gatewayUpstreamPlainHttp } from './rules/gateway-upstream-plain-http.js';
import { gatewayUpstreamTlsOutdatedVersion } from './rules/gateway-upstream-tls-outdated-version.js';
import { gatewayUpstreamTlsVerificationOff } from './rules/gateway-upstream-tls-verification-off.js';
import { gatewayWebsocketNoIdleTimeout } from './rules/gateway-websocket-no-idle-timeout.js';

/**
 * Every gateway-configuration rule, in report order. A new rule is one file in `rules/` and one line here;
 * nothing is discovered from the file system. (CORS is not a gateway setting yet, so no rule covers it.)
 */
export const GATEWAY_CONFIG_RULES: readonly GatewayConfigRule[] = [
  gatewayPlainHttpExposed,
  gatewayTlsOutdatedVersion,
  gatewayUpstreamTlsVerificationOff,
  gatewayUpstreamTlsOutdatedVersion,
  gatewayUpstreamPlainHttp,
  gatewayAdminExposed,
  gatewayTrustedProxiesTooWide,
  gatewayNoAuthentication,
  gatewayJwtWeakAlgorithms,
  gatewayJwtClockToleranceTooLong,
  gatewayAuthenticationFailOpen,
  gatewayApiKeyInQuery,
  gatewayNoRateLimit,
  gatewayRateLimitOnlyByIp,
  gatewayBusinessFlowWithoutQuota,
  gatewayNoApiDescription,
  gatewayRequestValidationOff,
  gatewayResponseValidationOff,
  gatewayInjectionNotBlocking,
  gatewayWebsocketNoIdleTimeout,
];
