import type { Rule } from '../../define-rule.js';
import { callbackUrlFromRequest } from './callback-url-from-request.js';
import { forwardedHeaderInput } from './forwarded-header-input.js';
import { openRedirectCandidate } from './open-redirect-candidate.js';
import { urlInputSsrfCandidate } from './url-input-ssrf-candidate.js';
import { urlInputWithoutAllowlist } from './url-input-without-allowlist.js';

/** Rules for OWASP API7:2023, in a fixed order. */
export const api7Rules: readonly Rule[] = [
  urlInputWithoutAllowlist,
  urlInputSsrfCandidate,
  openRedirectCandidate,
  callbackUrlFromRequest,
  forwardedHeaderInput,
];
