import type { Policy } from '../define-policy.js';
import { apiKeyPolicy } from './api-key/api-key-policy.js';
import { authorizePolicy } from './authorize/authorize-policy.js';
import { blocklistPolicy } from './blocklist/blocklist-policy.js';
import { injectionPolicy } from './injection/injection-policy.js';
import { introspectionPolicy } from './introspection/introspection-policy.js';
import { ipFilterPolicy } from './ip-filter/ip-filter-policy.js';
import { jwtPolicy } from './jwt/jwt-policy.js';
import { limitsPolicy } from './limits/limits-policy.js';
import { mtlsPolicy } from './mtls/mtls-policy.js';
import { rateLimitPolicy } from './rate-limit/rate-limit-policy.js';
import { requestValidationPolicy } from './request-validation/request-validation-policy.js';
import { routePolicy } from './route/route-policy.js';
import { ssrfGuardPolicy } from './ssrf-guard/ssrf-guard-policy.js';

/**
 * Every built-in policy, in the order they run within a stage. Stages run in `POLICY_STAGES` order whatever
 * the order here. A new policy is added to this list explicitly; nothing is discovered from the file system.
 */
export const BUILTIN_POLICIES: readonly Policy[] = [
  ipFilterPolicy,
  mtlsPolicy,
  limitsPolicy,
  routePolicy,
  jwtPolicy,
  introspectionPolicy,
  apiKeyPolicy,
  authorizePolicy,
  rateLimitPolicy,
  blocklistPolicy,
  requestValidationPolicy,
  injectionPolicy,
  ssrfGuardPolicy,
] as Policy[];
