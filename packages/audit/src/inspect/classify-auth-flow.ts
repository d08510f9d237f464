import type { Operation } from '@rampart/openapi';
import { joinedWordsOf, wordsOf } from '../classify-name.js';

export type AuthFlow = 'login' | 'token' | 'password-reset' | 'otp' | 'mfa' | 'signup';

const FLOWS: ReadonlyArray<[AuthFlow, RegExp]> = [
  ['password-reset', /(reset|forgot|recover)(password|pwd|pass)?$|password(reset|forgot|recovery)/],
  ['otp', /^(otp|totp|onetimepassword|verificationcode|verifycode)$/],
  ['mfa', /^(mfa|2fa|twofactor|multifactor)$/],
  ['login', /^(login|signin|logon|authenticate|auth|session|sessions)$/],
  ['token', /^(token|tokens|accesstoken|oauthtoken)$/],
  ['signup', /^(signup|register|registration)$/],
];

/**
 * The authentication flow an operation implements, judged from its path segments and operationId
 * (`POST /auth/login`, `POST /oauth/token`, `POST /password/reset`, `verifyOtp`), or undefined.
 * Only POST/PUT/GET operations without object ids in the last segment count.
 */
export function classifyAuthFlow(operation: Operation): AuthFlow | undefined {
  const segments = operation.path
    .split('/')
    .filter((s) => s.length > 0 && !s.startsWith('{'))
    .map((s) => joinedWordsOf(s));
  const idWords = operation.operationId === undefined ? [] : wordsOf(operation.operationId);
  const candidates = [...segments, ...(segments.length >= 2 ? [segments.slice(-2).join('')] : [])];
  for (const [flow, re] of FLOWS) {
    if (candidates.some((s) => re.test(s))) return flow;
  }
  const joined = idWords.join('');
  if (/^(login|signin|logon)/.test(joined) || /(login|signin)$/.test(joined)) return 'login';
  if (/(reset|forgot)password|password(reset|forgot)/.test(joined)) return 'password-reset';
  if (/^verify(otp|code|mfa)|otp/.test(joined)) return 'otp';
  return undefined;
}
