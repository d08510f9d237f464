import type { Finding } from '@rampart/core';

/** How a finding of one clinic flaw looks. */
export interface ClinicDetection {
  readonly flaw: string;
  readonly matches: (finding: Finding) => boolean;
}

const at = (check: string, method: string | undefined, path: string | RegExp) => (f: Finding) =>
  f.ruleId === check &&
  (method === undefined || f.location.method === method) &&
  (typeof path === 'string' ? f.location.path === path : path.test(f.location.path ?? ''));
const serious = (f: Finding) => f.severity !== 'info' && f.severity !== 'low';
const both =
  (...tests: Array<(f: Finding) => boolean>) =>
  (f: Finding) =>
    tests.every((t) => t(f));

/**
 * For every flaw of flaws.json, the finding that would show it (whether or not the scanner finds it today):
 * the check, the method and the path as the model names it (the same for the description and for a model
 * learned from traffic). Paths are relative to the /api/v2 target; the retired v1 path is outside it.
 */
export const CLINIC_DETECTIONS: readonly ClinicDetection[] = [
  { flaw: 'api1-appointment-bola', matches: at('api1-bola', 'GET', '/appointments/{appointmentId}') },
  {
    flaw: 'api1-appointment-update-bola',
    matches: at('api1-bola', 'PATCH', '/appointments/{appointmentId}'),
  },
  {
    flaw: 'api1-nested-record-bola',
    matches: at('api1-bola', 'GET', '/patients/{patientId}/records/{recordId}'),
  },
  { flaw: 'api2-login-no-rate-limit', matches: at('api2-login-brute-force', 'POST', '/auth/login') },
  { flaw: 'api3-profile-mass-assignment', matches: at('api3-mass-assignment', 'PATCH', '/me') },
  { flaw: 'api3-register-mass-assignment', matches: at('api3-mass-assignment', 'POST', '/auth/register') },
  {
    // Two checks see it: the SSN pattern (api3-sensitive-data) and fields patients get beyond the schema.
    flaw: 'api3-practitioner-ssn-exposure',
    matches: (f) =>
      serious(f) &&
      (at('api3-sensitive-data', 'GET', '/practitioners')(f) ||
        at('api3-role-field-exposure', 'GET', '/practitioners')(f)),
  },
  {
    flaw: 'api4-unbounded-per-page',
    matches: at('api4-unbounded-page-size', 'GET', '/practitioners/{practitionerId}/slots'),
  },
  { flaw: 'api5-patient-list-by-patient', matches: at('api5-admin-functions', 'GET', '/patients') },
  {
    flaw: 'api7-insurance-card-ssrf',
    matches: at('api7-ssrf', 'POST', '/patients/{patientId}/insurance-card'),
  },
  { flaw: 'api8-cors-reflect-origin', matches: both(at('api8-cors-misconfiguration', 'GET', /./), serious) },
  {
    flaw: 'api8-stack-trace-errors',
    matches: (f) => f.ruleId === 'api8-verbose-errors' && f.evidence?.oracle === 'error-signature:node.js',
  },
  { flaw: 'api9-v1-patients-no-auth', matches: at('api9-hidden-endpoints', 'GET', /\/v1\/patients/) },
  {
    flaw: 'injection-sql-appointment-status',
    matches: at('injection-sql', 'GET', '/appointments'),
  },
  {
    flaw: 'injection-path-traversal-document',
    matches: at('injection-path-traversal', 'GET', '/patients/{patientId}/documents/{fileName}'),
  },
];
