import type { Policy } from '../define-policy.js';
import { apiKeyPolicy } from './api-key/api-key-policy.js';
import { limitsPolicy } from './limits/limits-policy.js';
import { mtlsPolicy } from './mtls/mtls-policy.js';
import { routePolicy } from './route/route-policy.js';

/**
 * Every built-in policy, in the order they run within a stage. Stages run in `POLICY_STAGES` order whatever
 * the order here. A new policy is added to this list explicitly; nothing is discovered from the file system.
 */
export const BUILTIN_POLICIES: readonly Policy[] = [
  mtlsPolicy,
  limitsPolicy,
  routePolicy,
  apiKeyPolicy,
] as Policy[];
