import type { Rule } from '../../define-rule.js';
import { apiKeyInQuery } from './api-key-in-query.js';
import { authFlowWithoutRateLimit } from './auth-flow-without-rate-limit.js';
import { authUrlNotHttps } from './auth-url-not-https.js';
import { credentialInUrl } from './credential-in-url.js';
import { emptySecurityOverride } from './empty-security-override.js';
import { httpBasicAuth } from './http-basic-auth.js';
import { oauthImplicitFlow } from './oauth-implicit-flow.js';
import { oauthPasswordFlow } from './oauth-password-flow.js';
import { readOperationWithoutSecurity } from './read-operation-without-security.js';
import { undefinedSecurityScheme } from './undefined-security-scheme.js';
import { writeOperationWithoutSecurity } from './write-operation-without-security.js';

/** Rules for OWASP API2:2023, in a fixed order. */
export const api2Rules: readonly Rule[] = [
  writeOperationWithoutSecurity,
  readOperationWithoutSecurity,
  emptySecurityOverride,
  undefinedSecurityScheme,
  httpBasicAuth,
  apiKeyInQuery,
  credentialInUrl,
  oauthImplicitFlow,
  oauthPasswordFlow,
  authUrlNotHttps,
  authFlowWithoutRateLimit,
];
