import type { ApiModel, Operation } from '@rampart/openapi';
import type { LoginStep } from './identities/identities-config.js';
import type { IdentitySession } from './identities/identity-session.js';
import { joinTargetUrl } from './join-target-url.js';
import { locateRequest } from './locate-request.js';
import type { ScanRequest } from './transport/scan-transport.js';

/** A password login an identity performs: the step, its operation, and the field names and values it uses. */
export interface PasswordLogin {
  readonly session: IdentitySession;
  readonly step: LoginStep;
  readonly operation: Operation | undefined;
  readonly usernameField: string;
  readonly passwordField: string;
  readonly username: string;
  readonly password: string;
  /** The step's body with other values (username, password) put in. */
  body(username: string, password: unknown): Record<string, unknown>;
}

const PASSWORD = /^(password|passwd|pass|pwd|secret)$/i;
const USERNAME = /^(username|user|login|email|e-?mail|name|userName|account|phone)$/i;

/**
 * The password login of an identity with a login flow: the first step whose JSON or form body has a
 * password-like field next to a username-like one. Undefined for identities without one (static tokens).
 */
export function findPasswordLogin(
  session: IdentitySession,
  model: ApiModel,
  target: string,
): PasswordLogin | undefined {
  for (const step of session.config?.login?.steps ?? []) {
    const body = (step.json ?? step.form) as Record<string, unknown> | undefined;
    if (body === undefined || typeof body !== 'object' || Array.isArray(body)) continue;
    const passwordField = Object.keys(body).find((k) => PASSWORD.test(k));
    const usernameField = Object.keys(body).find((k) => USERNAME.test(k));
    if (passwordField === undefined || usernameField === undefined) continue;
    const username = body[usernameField];
    const password = body[passwordField];
    if (typeof username !== 'string' || typeof password !== 'string' || /\{\{/.test(username + password))
      continue;
    const located = locateRequest(model, target, {
      method: step.method,
      url: joinTargetUrl(target, step.path),
    });
    return {
      session,
      step,
      operation: 'operation' in located ? located.operation : undefined,
      usernameField,
      passwordField,
      username,
      password,
      body: (name, secret) => ({ ...body, [usernameField]: name, [passwordField]: secret }),
    };
  }
  return undefined;
}

/** The request of a login step with another body (JSON, or a form when the step posts a form). */
export function buildLoginRequest(
  login: PasswordLogin,
  target: string,
  body: Record<string, unknown>,
): ScanRequest {
  const form = login.step.form !== undefined;
  return {
    method: login.step.method.toUpperCase(),
    url: joinTargetUrl(target, login.step.path),
    headers: {
      ...(login.step.headers ?? {}),
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: form
      ? new URLSearchParams(
          Object.entries(body).map(([k, v]): [string, string] => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        ).toString()
      : JSON.stringify(body),
  };
}
