import type { ApiModel, Operation } from '@rampart/openapi';
import { looksAdminOnly } from '../looks-admin-only.js';
import { classifyCredentialField } from './classify-credential-field.js';
import { type RequestBodyShape, readRequestBodyShape } from './read-request-body-shape.js';

/** A password login: the operation (or an OAuth 2.0 password-grant token URL) and the shape of its body. */
export interface LoginOperation {
  readonly method: string;
  /** The path (or the token URL as written). */
  readonly path: string;
  readonly operation: Operation | undefined;
  readonly body: RequestBodyShape;
}

const LOGIN_WORDS = /log-?in|sign-?in|signin|authenticat|\bauth\b|\/auth\/?$|token|session/i;
const STRONG_LOGIN = /log-?in|sign-?in|signin/i;
const NOT_LOGIN =
  /regist|sign-?up|log-?out|sign-?out|refresh|reset|forgot|otp|mfa|2fa|totp|verify|revoke|introspect|change[-_ ]?password/i;

const isPublic = (operation: Operation) =>
  operation.security.length === 0 || operation.security.some((r) => Object.keys(r).length === 0);

/**
 * The API's password login, found in its description: a POST named like a login (`login`, `signin`, `token`,
 * `session`, `auth` in its path, operationId or summary; not registration, logout, refresh or reset) whose JSON
 * or form body has a password field next to a username or e-mail field. Without one, an OAuth 2.0 scheme with a
 * password flow gives its token URL (form body `grant_type=password&username&password`).
 */
export function findLoginOperation(model: ApiModel): LoginOperation | undefined {
  let best: { found: LoginOperation; score: number } | undefined;
  for (const operation of model.operations) {
    if (operation.method !== 'post' || operation.isWebhook || operation.path.includes('{')) continue;
    if (looksAdminOnly(operation)) continue;
    const name = `${operation.path} ${operation.operationId ?? ''}`;
    const text = `${name} ${operation.summary ?? ''}`;
    if (!LOGIN_WORDS.test(text) || NOT_LOGIN.test(name)) continue;
    const body = readRequestBodyShape(operation);
    if (body === undefined) continue;
    const kinds = [...body.properties.keys()].map(classifyCredentialField);
    if (!kinds.includes('password') || !(kinds.includes('username') || kinds.includes('email'))) continue;
    const score =
      (STRONG_LOGIN.test(name) ? 4 : STRONG_LOGIN.test(text) ? 3 : 2) + (isPublic(operation) ? 1 : 0);
    if (best === undefined || score > best.score) {
      best = { found: { method: 'POST', path: operation.path, operation, body }, score };
    }
  }
  if (best !== undefined) return best.found;
  for (const scheme of Object.values(model.securitySchemes)) {
    const tokenUrl = scheme.type === 'oauth2' ? scheme.flows?.password?.tokenUrl : undefined;
    if (tokenUrl === undefined) continue;
    return {
      method: 'POST',
      path: tokenUrl,
      operation: undefined,
      body: {
        encoding: 'form',
        properties: new Map([
          ['grant_type', { type: 'string', enum: ['password'] }],
          ['username', { type: 'string' }],
          ['password', { type: 'string' }],
        ]),
        required: new Set(['grant_type', 'username', 'password']),
      },
    };
  }
  return undefined;
}
