import { RampartError } from '@rampart/core';
import { joinTargetUrl } from '../join-target-url.js';
import { decodeJwt } from '../jwt/decode-jwt.js';
import type { ScanRequest, ScanResponse, ScanTransport } from '../transport/scan-transport.js';
import { applyCredentials, findHeldJwt } from './apply-credentials.js';
import type { CredentialTemplate, IdentityConfig, LoginFlow } from './identities-config.js';
import type { Credentials, IdentitySession } from './identity-session.js';
import { readJsonPointer } from './read-json-pointer.js';

/** Refresh a JWT this long before its `exp`. */
const EXPIRY_MARGIN_SECONDS = 10;

const interpolate = (text: string, vars: ReadonlyMap<string, string>): string =>
  text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => vars.get(name) ?? '');

function interpolateDeep(value: unknown, vars: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, vars)]));
  }
  return value;
}

function buildCredentials(template: CredentialTemplate, vars: ReadonlyMap<string, string>): Credentials {
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  if (template.bearer !== undefined)
    headers['authorization'] = `Bearer ${interpolate(template.bearer, vars)}`;
  for (const [name, value] of Object.entries(template.headers ?? {}))
    headers[name] = interpolate(value, vars);
  for (const [name, value] of Object.entries(template.cookies ?? {}))
    cookies[name] = interpolate(value, vars);
  const jwt = findHeldJwt(headers, cookies);
  return jwt ? { headers, cookies, jwt } : { headers, cookies };
}

function readCookie(setCookies: readonly string[], name: string): string | undefined {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair !== undefined && eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

async function runLogin(
  identity: string,
  flow: LoginFlow,
  transport: ScanTransport,
  target: string,
): Promise<Credentials> {
  const vars = new Map<string, string>();
  for (const [index, step] of flow.steps.entries()) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.headers ?? {})) headers[name] = interpolate(value, vars);
    let body: string | undefined;
    if (step.json !== undefined) {
      body = JSON.stringify(interpolateDeep(step.json, vars));
      headers['content-type'] ??= 'application/json';
    } else if (step.form !== undefined) {
      body = new URLSearchParams(
        Object.entries(step.form).map(([k, v]) => [k, interpolate(v, vars)] as [string, string]),
      ).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const request: ScanRequest = {
      method: step.method,
      url: joinTargetUrl(target, interpolate(step.path, vars)),
      headers,
      identity,
      ...(body === undefined ? {} : { body }),
    };
    const where = `identity "${identity}": login step ${index + 1} (${step.method} ${step.path})`;
    let response: ScanResponse;
    try {
      response = await transport.send(request);
    } catch (error) {
      throw new RampartError('RAMPART_ERR_SCAN_PREFLIGHT', `${where} could not be sent`, {
        cause: error,
        hint: 'check the target URL and that the login path is on it',
      });
    }
    const ok = step.expectStatus ? step.expectStatus.includes(response.status) : response.status < 300;
    if (!ok || response.status >= 400) {
      throw new RampartError(
        'RAMPART_ERR_SCAN_PREFLIGHT',
        `${where} answered ${response.status}, expected ${step.expectStatus?.join(' or ') ?? '2xx'}`,
        { hint: 'check the credentials in identities.yaml (and the environment variables they use)' },
      );
    }
    let parsed: unknown;
    for (const [name, rule] of Object.entries(step.extract ?? {})) {
      let value: unknown;
      if (rule.from === 'body') {
        try {
          parsed ??= JSON.parse(response.body);
        } catch {
          parsed = null;
        }
        value = readJsonPointer(parsed, rule.pointer);
      } else if (rule.from === 'header') {
        value = response.headers[rule.name.toLowerCase()];
      } else {
        value = readCookie(response.setCookies, rule.name);
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        const source = rule.from === 'body' ? `body pointer ${rule.pointer}` : `${rule.from} ${rule.name}`;
        throw new RampartError(
          'RAMPART_ERR_SCAN_PREFLIGHT',
          `${where} answered ${response.status} but its ${source} holds no value for {{${name}}}`,
          { hint: 'fix the extract rule: the response does not have that field' },
        );
      }
      vars.set(name, String(value));
    }
  }
  return buildCredentials(flow.apply, vars);
}

/** Options of {@link createIdentitySession}. */
export interface IdentitySessionOptions {
  /**
   * Sends the login flow's requests. The scan passes its guarded transport without the read-only guard: the
   * login requests are the user's own declared ones and must work in a read-only scan too.
   */
  readonly loginTransport?: ScanTransport;
  readonly now?: () => number;
}

/**
 * A session for one configured identity (or `anonymous` when `config` is undefined). Credentials come from the
 * static template or, with a login flow, from running it on first use, again shortly before a held JWT's `exp`,
 * and again (then retrying once) when a request gets a refresh status (401 by default) after the credentials
 * had worked; a request still refused with fresh credentials is not retried again. Login failures are `RAMPART_ERR_SCAN_PREFLIGHT` errors that
 * name the identity and the step.
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
  const refreshOn = new Set(flow?.refreshOn ?? [401]);
  let current: Credentials | undefined =
    config === undefined
      ? { headers: {}, cookies: {} }
      : flow === undefined
        ? buildCredentials(config, new Map())
        : undefined;
  let pending: Promise<Credentials> | undefined;
  /**
   * True once the current credentials got an answer that is not a refresh status: only then does a 401 mean
   * the session expired; a 401 before is the operation's answer to this identity.
   */
  let proven = false;
  /** Requests (method and path) still refused right after a fresh login: their 401 is an answer. */
  const refusedAnyway = new Set<string>();

  const login = (): Promise<Credentials> => {
    if (flow === undefined) return Promise.resolve(current ?? { headers: {}, cookies: {} });
    return runLogin(name, flow, loginTransport, target);
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
      const retried = await sendWith(request, await refresh());
      if (refreshOn.has(retried.status)) refusedAnyway.add(key);
      else proven = true;
      return retried;
    },
  };
}
