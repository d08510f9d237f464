import type { Finding } from '@rampart/core';

/** A flaw of the bank (flaws.json id) and how a finding of it looks. */
export interface ExpectedDetection {
  readonly flaw: string;
  readonly check: string;
  /** Does a finding belong to this flaw? */
  readonly matches: (finding: Finding) => boolean;
}

const at = (check: string, method: string | undefined, path: string | RegExp) => (f: Finding) =>
  f.ruleId === check &&
  (method === undefined || f.location.method === method) &&
  (typeof path === 'string' ? f.location.path === path : path.test(f.location.path ?? ''));

/** The bank flaws the scanner's checks detect today, each with the finding that shows it. */
export const EXPECTED_DETECTIONS: readonly ExpectedDetection[] = [
  { flaw: 'api1-account-bola', check: 'api1-bola', matches: at('api1-bola', 'GET', '/accounts/{accountId}') },
  { flaw: 'api1-card-bola', check: 'api1-bola', matches: at('api1-bola', 'PATCH', '/cards/{cardId}') },
  { flaw: 'api1-transfers-userid-bola', check: 'api1-bola', matches: at('api1-bola', 'GET', '/transfers') },
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
      at('api8-verbose-errors', 'POST', '/transfers')(f) && f.evidence?.oracle === 'error-signature:node.js',
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
];
