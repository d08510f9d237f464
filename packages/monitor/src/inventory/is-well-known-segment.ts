import { isVersionSegment } from './infer-segment-kind.js';

/**
 * Literal segments that name an action or a singleton rather than an object, and so are never merged into a
 * parameter however many siblings they have: `/users/me`, `/orders/search`, `/items/new`, `/api/v2`.
 */
const WELL_KNOWN = new Set([
  'api',
  'me',
  'self',
  'current',
  'mine',
  'search',
  'new',
  'all',
  'count',
  'latest',
  'recent',
  'batch',
  'bulk',
  'export',
  'import',
  'stats',
  'summary',
  'settings',
  'config',
  'status',
  'health',
  'healthz',
  'ready',
  'metrics',
  'login',
  'logout',
  'register',
  'signup',
  'token',
  'refresh',
  'verify',
  'reset',
  'password',
  'profile',
  'history',
  'admin',
  'internal',
  'debug',
  'public',
  'private',
  'auth',
  'oauth',
  'oauth2',
  'graphql',
  'rest',
  'openapi.json',
  'openapi.yaml',
  'swagger.json',
  '.well-known',
]);

/** True when a literal segment must keep its name (`me`, `search`, `new`, `v1`, …). */
export function isWellKnownSegment(segment: string): boolean {
  return WELL_KNOWN.has(segment.toLowerCase()) || isVersionSegment(segment);
}
