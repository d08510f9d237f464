import type { Finding } from '@rampart/core';

/** A flaw of the bank (flaws.json id) and how a finding of it looks. */
export interface ExpectedDetection {
  readonly flaw: string;
  readonly check: string;
  /** Does a finding belong to this flaw? */
  readonly matches: (finding: Finding) => boolean;
  /**
   * True when `test/checks/<check>.test.ts` runs this flaw's near miss (flaw off) itself, with the canary and
   * seed values the check needs; `single-flaw-off.test.ts` then skips it.
   */
  readonly checkTest?: boolean;
}

const at = (check: string, method: string | undefined, path: string | RegExp) => (f: Finding) =>
  f.ruleId === check &&
  (method === undefined || f.location.method === method) &&
  (typeof path === 'string' ? f.location.path === path : path.test(f.location.path ?? ''));

/** Like `at`, but the place may also be one of the finding's related locations (one root cause, many places). */
const atOrRelated = (check: string, method: string, path: string) => (f: Finding) =>
  f.ruleId === check &&
  [f.location, ...(f.relatedLocations ?? [])].some((l) => l.method === method && l.path === path);

const oracle = (name: string) => (f: Finding) => f.evidence?.oracle === name;
const both =
  (...tests: Array<(f: Finding) => boolean>) =>
  (f: Finding) =>
    tests.every((t) => t(f));
const serious = (f: Finding) => f.severity !== 'info' && f.severity !== 'low';

/** A flaw found by a check with its own table-driven test file. */
const checked = (flaw: string, check: string, matches: (f: Finding) => boolean): ExpectedDetection => ({
  flaw,
  check,
  matches,
  checkTest: true,
});

/** The bank flaws the scanner's checks detect today, each with the finding that shows it. */
export const EXPECTED_DETECTIONS: readonly ExpectedDetection[] = [
  { flaw: 'api1-account-bola', check: 'api1-bola', matches: at('api1-bola', 'GET', '/accounts/{accountId}') },
  { flaw: 'api1-card-bola', check: 'api1-bola', matches: at('api1-bola', 'PATCH', '/cards/{cardId}') },
  { flaw: 'api1-transfers-userid-bola', check: 'api1-bola', matches: at('api1-bola', 'GET', '/transfers') },
  {
    flaw: 'api1-nested-parent-swap',
    check: 'api1-bola',
    matches: at('api1-bola', 'GET', '/accounts/{accountId}/transactions/{transactionId}'),
  },
  { flaw: 'api1-user-profile-bola', check: 'api1-bola', matches: at('api1-bola', 'GET', '/users/{userId}') },
  {
    flaw: 'api2-jwt-alg-none',
    check: 'api2-jwt-alg-none',
    matches: at('api2-jwt-alg-none', 'GET', '/users/me'),
  },
  {
    flaw: 'api2-jwt-weak-secret',
    check: 'api2-jwt-weak-secret',
    matches: at('api2-jwt-weak-secret', 'GET', '/users/me'),
  },
  {
    flaw: 'api2-jwt-expired-accepted',
    check: 'api2-jwt-expired-accepted',
    matches: at('api2-jwt-expired-accepted', 'GET', '/users/me'),
  },
  ...(
    [
      ['api2-jwt-key-confusion', 'api2-jwt-key-confusion'],
      ['api2-jwt-jwk-header-trusted', 'api2-jwt-embedded-jwk'],
      ['api2-jwt-jku-followed', 'api2-jwt-key-url-injection'],
      ['api2-jwt-kid-traversal', 'api2-jwt-kid-injection'],
    ] as const
  ).map(([flaw, check]) => ({ flaw, check, matches: at(check, 'GET', '/partner/accounts/summary') })),
  {
    flaw: 'api2-token-valid-after-logout',
    check: 'api2-token-after-logout',
    matches: at('api2-token-after-logout', 'POST', '/auth/logout'),
  },
  {
    flaw: 'api4-no-rate-limit',
    check: 'api4-missing-rate-limit',
    matches: at('api4-missing-rate-limit', 'GET', /./),
  },
  {
    flaw: 'api5-admin-users-by-user',
    check: 'api5-admin-functions',
    matches: at('api5-admin-functions', 'GET', '/admin/users'),
  },
  {
    flaw: 'api5-admin-delete-by-user',
    check: 'api5-admin-functions',
    matches: at('api5-admin-functions', 'DELETE', '/admin/users/{userId}'),
  },
  {
    flaw: 'api5-method-override',
    check: 'api5-method-override',
    matches: at('api5-method-override', 'POST', /./),
  },
  {
    flaw: 'api8-cors-reflect-origin',
    check: 'api8-cors-misconfiguration',
    matches: (f) => at('api8-cors-misconfiguration', undefined, /./)(f) && f.severity === 'high',
  },
  {
    flaw: 'api8-stack-trace-errors',
    check: 'api8-verbose-errors',
    matches: (f) =>
      atOrRelated('api8-verbose-errors', 'POST', '/transfers')(f) &&
      f.evidence?.oracle === 'error-signature:node.js',
  },
  {
    flaw: 'api8-missing-security-headers',
    check: 'api8-security-headers',
    matches: at('api8-security-headers', 'GET', /./),
  },
  {
    flaw: 'api8-trace-enabled',
    check: 'api8-trace-enabled',
    matches: at('api8-trace-enabled', 'TRACE', '/'),
  },
  {
    flaw: 'api9-legacy-v1-unauthenticated',
    check: 'api9-hidden-endpoints',
    matches: at('api9-hidden-endpoints', 'GET', '/api/v1/users/{userId}/accounts'),
  },
  {
    flaw: 'api9-debug-vars',
    check: 'api9-hidden-endpoints',
    matches: at('api9-hidden-endpoints', 'GET', '/debug/vars'),
  },
  {
    flaw: 'api9-docs-exposed',
    check: 'api9-hidden-endpoints',
    matches: at('api9-hidden-endpoints', 'GET', /^\/(openapi\.yaml|docs)$/),
  },
  {
    flaw: 'injection-sql-error',
    check: 'api8-verbose-errors',
    matches: (f) =>
      at('api8-verbose-errors', 'GET', '/transactions')(f) && f.evidence?.oracle === 'error-signature:sql',
  },
  checked(
    'api2-api-key-in-query',
    'api2-credentials-in-query',
    at('api2-credentials-in-query', 'GET', '/admin/users'),
  ),
  checked(
    'api2-login-no-rate-limit',
    'api2-login-brute-force',
    at('api2-login-brute-force', 'POST', '/auth/login'),
  ),
  checked(
    'api2-user-enumeration',
    'api2-user-enumeration',
    at('api2-user-enumeration', 'POST', /^\/auth\/(login|password-reset)$/),
  ),
  checked(
    'api2-otp-no-attempt-limit',
    'api2-otp-brute-force',
    both(at('api2-otp-brute-force', 'POST', '/auth/password-reset/confirm'), serious),
  ),
  checked(
    'api3-password-hash-exposed',
    'api3-sensitive-data',
    both(at('api3-sensitive-data', 'GET', '/users/me'), serious),
  ),
  checked(
    'api3-payee-lookup-pii',
    'api3-sensitive-data',
    both(at('api3-sensitive-data', 'GET', '/payees/lookup'), serious),
  ),
  checked(
    'api3-mass-assignment-role',
    'api3-mass-assignment',
    at('api3-mass-assignment', 'PATCH', '/users/me'),
  ),
  checked(
    'api3-mass-assignment-balance',
    'api3-mass-assignment',
    at('api3-mass-assignment', 'PATCH', '/accounts/{accountId}'),
  ),
  checked(
    'api4-unbounded-limit',
    'api4-unbounded-page-size',
    at('api4-unbounded-page-size', 'GET', '/transactions'),
  ),
  checked(
    'api4-unbounded-export',
    'api4-unbounded-page-size',
    at('api4-unbounded-page-size', 'GET', '/accounts/{accountId}/statement.csv'),
  ),
  checked('api4-regex-search-redos', 'api4-redos', at('api4-redos', 'GET', '/transactions/search')),
  checked(
    'api4-reset-limit-xff-bypass',
    'api4-rate-limit-bypass',
    both(
      at('api4-rate-limit-bypass', 'POST', '/auth/password-reset'),
      oracle('limit-bypassed-by-client-address-header'),
    ),
  ),
  checked(
    'api5-transaction-delete',
    'api5-undocumented-methods',
    at('api5-undocumented-methods', 'DELETE', '/transactions/{transactionId}'),
  ),
  checked(
    'api6-coupon-unlimited-redeem',
    'api6-business-flows',
    at('api6-business-flows', 'POST', '/coupons/redeem'),
  ),
  checked(
    'api6-referral-self-redeem',
    'api6-business-flows',
    at('api6-business-flows', 'POST', '/referrals/redeem'),
  ),
  checked(
    'api6-transfer-no-step-up',
    'api6-business-flows',
    both(at('api6-business-flows', 'POST', '/transfers'), oracle('high-value-without-step-up')),
  ),
  checked('api7-import-url-ssrf', 'api7-ssrf', at('api7-ssrf', 'POST', '/transactions/import')),
  checked(
    'api7-import-redirect-followed',
    'api7-ssrf-redirect',
    at('api7-ssrf-redirect', 'POST', '/transactions/import'),
  ),
  checked('api7-avatar-url-ssrf', 'api7-ssrf', at('api7-ssrf', 'PUT', '/users/me/avatar')),
  checked('api7-webhook-ssrf', 'api7-ssrf', at('api7-ssrf', 'POST', '/webhooks')),
  checked(
    'api8-webhook-unsigned',
    'api8-webhook-signature',
    at('api8-webhook-signature', 'POST', '/webhooks'),
  ),
  checked(
    'api10-kyc-response-trusted',
    'api10-unsafe-consumption',
    both(at('api10-unsafe-consumption', 'POST', '/kyc/verify'), oracle('upstream-fields-merged')),
  ),
  checked(
    'api10-fx-rate-unvalidated',
    'api10-unsafe-consumption',
    both(at('api10-unsafe-consumption', 'POST', '/fx/convert'), oracle('upstream-value-used-unchecked')),
  ),
  checked(
    'api10-provider-no-size-limit',
    'api10-unsafe-consumption',
    both(at('api10-unsafe-consumption', 'GET', '/fx/rates'), oracle('oversized-upstream-accepted')),
  ),
  checked(
    'api10-provider-no-timeout',
    'api10-upstream-timeout',
    both(at('api10-upstream-timeout', 'GET', '/fx/rates'), oracle('upstream-stall-waited')),
  ),
  checked(
    'api10-provider-malformed-crash',
    'api10-upstream-malformed',
    both(at('api10-upstream-malformed', 'GET', '/fx/rates'), oracle('upstream-malformed-crash')),
  ),
  checked(
    'api9-undocumented-debug-param',
    'api9-undocumented-parameters',
    both(at('api9-undocumented-parameters', 'GET', '/cards'), (f) => /\bdebug=true\b/.test(f.message)),
  ),
  checked(
    'injection-sql-filter',
    'injection-sql',
    both(at('injection-sql', 'GET', '/transactions'), oracle('sql-boolean-differential')),
  ),
  checked('injection-nosql-login', 'injection-nosql', at('injection-nosql', 'POST', '/auth/login')),
  checked(
    'injection-command-ping',
    'injection-command',
    at('injection-command', 'POST', '/diagnostics/ping'),
  ),
  checked(
    'injection-path-traversal',
    'injection-path-traversal',
    at('injection-path-traversal', 'GET', '/statements/download'),
  ),
  checked(
    'injection-template-greeting',
    'injection-template',
    at('injection-template', 'GET', '/users/me/greeting'),
  ),
];
