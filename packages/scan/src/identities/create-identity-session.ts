import { randomBytes } from 'node:crypto';
import { RampartError } from '@rampart/core';
import { decodeJwt } from '../jwt/decode-jwt.js';
import type { ScanRequest, ScanResponse, ScanTransport } from '../transport/scan-transport.js';
import { applyCredentials, findHeldJwt } from './apply-credentials.js';
import { detectToken, TOKEN_POINTERS } from './detect-token.js';
import { excerptResponseBody } from './excerpt-response-body.js';
import type { CredentialTemplate, IdentityConfig, LoginFlow, RegisterFlow } from './identities-config.js';
import type { Credentials, IdentitySession } from './identity-session.js';
import { interpolateTemplate } from './interpolate-template.js';
import { runStep } from './run-step.js';

/** Refresh a JWT this long before its `exp`. */
const EXPIRY_MARGIN_SECONDS = 10;

function buildCredentials(template: CredentialTemplate, vars: ReadonlyMap<string, string>): Credentials {
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  if (template.bearer !== undefined)
    headers['authorization'] = `Bearer ${interpolateTemplate(template.bearer, vars)}`;
  for (const [name, value] of Object.entries(template.headers ?? {}))
    headers[name] = interpolateTemplate(value, vars);
  for (const [name, value] of Object.entries(template.cookies ?? {}))
    cookies[name] = interpolateTemplate(value, vars);
  const jwt = findHeldJwt(headers, cookies);
  return jwt ? { headers, cookies, jwt } : { headers, cookies };
}

async function runLogin(
  identity: string,
  flow: LoginFlow,
  transport: ScanTransport,
  target: string,
  baseVars: ReadonlyMap<string, string>,
): Promise<Credentials> {
  const vars = new Map(baseVars);
  let last: ScanResponse | undefined;
  for (const [index, step] of flow.steps.entries()) {
    const outcome = await runStep({
      step,
      vars,
      transport,
      target,
      identity,
      where: `identity "${identity}": login step ${index + 1} (${step.method} ${step.path})`,
      code: 'RAMPART_ERR_SCAN_PREFLIGHT',
      hint: 'check the credentials in identities.yaml (and the environment variables they use)',
    });
    last = outcome.response;
  }
  if (flow.detectToken && !vars.has('token') && last !== undefined) {
    const found = detectToken(last);
    if (found === undefined) {
      const step = flow.steps.at(-1)!;
      throw new RampartError(
        'RAMPART_ERR_SCAN_PREFLIGHT',
        `identity "${identity}": login step ${flow.steps.length} (${step.method} ${step.path}) answered ${last.status} but no token was found in it (looked at ${TOKEN_POINTERS.slice(0, 6).join(', ')}, … token headers and Set-Cookie; body: ${excerptResponseBody(last)})`,
        {
          hint: 'say where the token is: extract: { token: { from: body, pointer: /path/to/token } } and apply: { bearer: "{{token}}" }',
        },
      );
    }
    if (found.from === 'cookies') {
      const jwt = findHeldJwt({}, found.cookies);
      return jwt
        ? { headers: {}, cookies: { ...found.cookies }, jwt }
        : { headers: {}, cookies: { ...found.cookies } };
    }
    vars.set('token', found.value);
  }
  return buildCredentials(flow.apply, vars);
}

/** True when a refused registration says the account is already there (so logging in may work). */
function saysAlreadyExists(response: ScanResponse): boolean {
  if (response.status === 409) return true;
  return (
    (response.status === 400 || response.status === 422 || response.status === 403) &&
    /exist|already|taken|in use|registered|duplicate|not unique|unique constraint/i.test(response.body)
  );
}

async function runRegistration(
  identity: string,
  flow: RegisterFlow,
  transport: ScanTransport,
  target: string,
  vars: Map<string, string>,
): Promise<void> {
  for (const [index, step] of flow.steps.entries()) {
    await runStep({
      step,
      vars,
      transport,
      target,
      identity,
      where: `identity "${identity}": register step ${index + 1} (${step.method} ${step.path})`,
      code: 'RAMPART_ERR_SCAN_PREFLIGHT',
      hint: 'the account could not be created: check the register steps (required fields, password rules) or create the user by hand and drop register:',
      alsoAccept: saysAlreadyExists,
      expectedText: `${step.expectStatus?.join(' or ') ?? '2xx'} or an "already exists" answer`,
    });
  }
}

/** Options of {@link createIdentitySession}. */
export interface IdentitySessionOptions {
  /**
   * Sends the login flow's requests. The scan passes its guarded transport without the read-only guard: the
   * login requests are the user's own declared ones and must work in a read-only scan too.
   */
  readonly loginTransport?: ScanTransport;
  readonly now?: () => number;
  /** The scan id, for `{{scanId}}` in the identity's steps. */
  readonly scanId?: string;
  /** The value of `{{random}}` (default: 8 random hex digits, fixed for the session). */
  readonly random?: string;
}

/**
 * A session for one configured identity (or `anonymous` when `config` is undefined). Credentials come from the
 * static template or, with a login flow, from running it on first use, again shortly before a held JWT's `exp`,
 * and again (then retrying once) when a request gets a refresh status (401 by default) after the credentials
 * had worked; a request still refused with fresh credentials is not retried again. An identity with `register`
 * steps creates its account once, before its first login (an "already exists" answer is fine). Registration
 * and login failures are `RAMPART_ERR_SCAN_PREFLIGHT` errors that name the identity, the step, the status and a
 * redacted excerpt of the answer.
 */
export function createIdentitySession(
  config: IdentityConfig | undefined,
  transport: ScanTransport,
  target: string,
  options: IdentitySessionOptions = {},
): IdentitySession {
  const now = options.now ?? Date.now;
  const loginTransport = options.loginTransport ?? transport;
  const name = config?.name ?? 'anonymous';
  const flow = config?.login;
  const baseVars = new Map<string, string>([
    ['random', options.random ?? randomBytes(4).toString('hex')],
    ['scanId', options.scanId ?? ''],
    ['identity', name],
  ]);
  let registered: Promise<void> | undefined;
  const register = (): Promise<void> => {
    if (config?.register === undefined) return Promise.resolve();
    registered ??= runRegistration(name, config.register, loginTransport, target, baseVars).catch(
      (error: unknown) => {
        registered = undefined;
        throw error;
      },
    );
    return registered;
  };
  const refreshOn = new Set(flow?.refreshOn ?? [401]);
  let current: Credentials | undefined =
    config === undefined
      ? { headers: {}, cookies: {} }
      : flow === undefined
        ? buildCredentials(config, baseVars)
        : undefined;
  let pending: Promise<Credentials> | undefined;
  /**
   * True once the current credentials got an answer that is not a refresh status: only then does a 401 mean
   * the session expired; a 401 before is the operation's answer to this identity.
   */
  let proven = false;
  /** Requests (method and path) still refused right after a fresh login: their 401 is an answer. */
  const refusedAnyway = new Set<string>();

  const login = async (): Promise<Credentials> => {
    await register();
    if (flow === undefined) return current ?? { headers: {}, cookies: {} };
    return runLogin(name, flow, loginTransport, target, baseVars);
  };
  const refresh = (): Promise<Credentials> => {
    pending ??= login().then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        proven = false;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  const expiring = (credentials: Credentials): boolean => {
    if (flow === undefined || credentials.jwt === undefined) return false;
    const exp = decodeJwt(credentials.jwt.token)?.payload['exp'];
    return typeof exp === 'number' && exp - EXPIRY_MARGIN_SECONDS <= now() / 1000;
  };
  const credentials = async (): Promise<Credentials> => {
    if (current === undefined || expiring(current)) return refresh();
    if (registered === undefined && config?.register !== undefined) await register();
    return current;
  };
  const sendWith = (request: ScanRequest, creds: Credentials) =>
    transport.send(applyCredentials({ ...request, identity: name }, creds));

  return {
    name,
    anonymous: config === undefined,
    role: config?.role,
    admin: config?.admin === true,
    canLogin: flow !== undefined,
    ...(config === undefined ? {} : { config }),
    credentials,
    sendWith,
    login,
    async send(request) {
      const creds = await credentials();
      const response = await sendWith(request, creds);
      if (flow === undefined) return response;
      if (!refreshOn.has(response.status)) {
        if (creds === current) proven = true;
        return response;
      }
      // Another request logged in meanwhile: retry with the new credentials, no new login.
      if (current !== undefined && creds !== current) return sendWith(request, current);
      const key = `${request.method} ${request.url.split('?')[0]}`;
      if (!proven || refusedAnyway.has(key)) return response;
      let fresh: Credentials;
      try {
        fresh = await refresh();
      } catch {
        // A login refused mid-scan (a lockout another check provoked, an IdP hiccup) must not end the scan: the
        // 401 stands as this request's answer and the held credentials stay in use.
        refusedAnyway.add(key);
        return response;
      }
      const retried = await sendWith(request, fresh);
      if (refreshOn.has(retried.status)) refusedAnyway.add(key);
      else proven = true;
      return retried;
    },
  };
}
