import { createHash } from 'node:crypto';
import { isLoopbackHost, isSecret, type Secret } from '@rampart/core';
import { Pool } from 'undici';
import { buildTokenIdentity, type TokenIdentity } from '../../build-token-identity.js';
import { createConfigReader } from '../../create-config-reader.js';
import { createExpiringCache } from '../../create-expiring-cache.js';
import { createSchemeRequirement } from '../../create-scheme-requirement.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import { readBearerToken } from '../../read-bearer-token.js';
import { readLimitedBody } from '../../read-limited-body.js';
import type { RequestContext } from '../../request-context.js';

/** `policies.introspection`. */
export interface IntrospectionPolicyConfig {
  /** The authorization server's introspection endpoint (RFC 7662 §2); https, or http on loopback. */
  readonly endpoint: string;
  /** The gateway's client credentials at the authorization server. */
  readonly clientId: string;
  readonly clientSecret: string | Secret;
  /** How the client authenticates (RFC 6749 §2.3.1). Default `client_secret_basic`. */
  readonly clientAuth?: 'client_secret_basic' | 'client_secret_post';
  /**
   * Security schemes of the description that introspected tokens satisfy. Default: every `oauth2`,
   * `openIdConnect` and `http`/`bearer` scheme.
   */
  readonly schemes?: readonly string[];
  /** When set, the response's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the response's `aud` must contain one of these (RFC 7662 §2.2). */
  readonly audience?: string | readonly string[];
  /** Claim with the roles (dotted for nesting). Default `roles`. */
  readonly rolesClaim?: string;
  /** Claim with the tenant. Default `tenant`. */
  readonly tenantClaim?: string;
  /**
   * Cache of introspection results by SHA-256 of the token: active ones until their `exp` (at most
   * `maxTtlSeconds`, default 300), inactive ones `inactiveTtlSeconds` (default 30). `maxEntries` default 10000.
   */
  readonly cache?: {
    readonly maxEntries?: number;
    readonly maxTtlSeconds?: number;
    readonly inactiveTtlSeconds?: number;
  };
  /** Timeout of one introspection call. Default 3000. */
  readonly timeoutMs?: number;
  /** When the endpoint is down: `closed` (default) answers 503, `open` lets the request go on unauthenticated. */
  readonly failMode?: 'closed' | 'open';
  /** `realm` of `WWW-Authenticate`. Default `api`. */
  readonly realm?: string;
}

type Result =
  | { readonly active: true; readonly token: TokenIdentity; readonly expiresAt: number | undefined }
  | { readonly active: false; readonly reason: string };

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * OAuth 2.0 token introspection (RFC 7662; OWASP API2) for opaque bearer tokens, per operation from the
 * description's security requirements. The gateway authenticates to the endpoint as a client, an inactive token
 * gets 401, and results are cached by SHA-256 of the token (active ones until `exp`, bounded) so the
 * authorization server sees each token about once. Concurrent requests with the same token share one call. The
 * endpoint being down fails closed (503) unless `failMode: open`.
 */
export const introspectionPolicy = definePolicy<IntrospectionPolicyConfig>({
  id: 'introspection',
  stage: 'authenticate',
  failMode: 'closed',
  description:
    'Validates opaque bearer tokens with OAuth 2.0 token introspection (RFC 7662), cached until expiry.',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known([
      'endpoint',
      'clientId',
      'clientSecret',
      'clientAuth',
      'schemes',
      'issuer',
      'audience',
      'rolesClaim',
      'tenantClaim',
      'cache',
      'timeoutMs',
      'failMode',
      'realm',
    ]);
    const endpointText = r.string('endpoint', { required: true });
    let endpoint: URL | undefined;
    if (endpointText !== undefined) {
      try {
        endpoint = new URL(endpointText);
        const loopback = isLoopbackHost(endpoint.hostname);
        if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && loopback))
          r.problem('endpoint', `must be an https URL (http only on loopback), got "${endpointText}"`);
      } catch {
        r.problem('endpoint', `must be an absolute URL, got "${endpointText}"`);
      }
    }
    const clientId = r.string('clientId', { required: true });
    const rawSecret = r.value['clientSecret'];
    const clientSecret = isSecret(rawSecret)
      ? rawSecret.reveal()
      : typeof rawSecret === 'string'
        ? rawSecret
        : undefined;
    if (!clientSecret) r.problem('clientSecret', 'is required (a non-empty string or Secret)');
    const clientAuth = r.oneOf(
      'clientAuth',
      ['client_secret_basic', 'client_secret_post'],
      'client_secret_basic',
    );
    const issuer = r.string('issuer');
    const audience = r.strings('audience', { single: true });
    const claims = { roles: r.string('rolesClaim') ?? 'roles', tenant: r.string('tenantClaim') ?? 'tenant' };
    const cacheConfig = r.object('cache');
    cacheConfig?.known(['maxEntries', 'maxTtlSeconds', 'inactiveTtlSeconds']);
    const maxEntries = cacheConfig?.int('maxEntries', 10_000, 0, 10_000_000) ?? 10_000;
    const maxTtlMs = (cacheConfig?.int('maxTtlSeconds', 300, 1, 86_400) ?? 300) * 1000;
    const inactiveTtlMs = (cacheConfig?.int('inactiveTtlSeconds', 30, 0, 3600) ?? 30) * 1000;
    const timeoutMs = r.int('timeoutMs', 3000, 1, 60_000);
    const failOpen = r.oneOf('failMode', ['closed', 'open'], 'closed') === 'open';
    const realm = r.string('realm') ?? 'api';
    const model = context.model;
    const configuredSchemes = r.strings('schemes');
    for (const name of configuredSchemes ?? []) {
      const scheme = model?.securitySchemes[name];
      if (!model) r.problem('schemes', 'needs routing.model: schemes are looked up in the API description');
      else if (
        !scheme ||
        (scheme.type !== 'http' && scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect')
      )
        r.problem(
          'schemes',
          `"${name}" is not an http bearer, oauth2 or openIdConnect scheme of the description`,
        );
    }
    const schemes =
      configuredSchemes ??
      Object.values(model?.securitySchemes ?? {})
        .filter(
          (s) =>
            (s.type === 'http' && s.scheme === 'bearer') || s.type === 'oauth2' || s.type === 'openIdConnect',
        )
        .map((s) => s.name);
    if (!endpoint || !clientId || !clientSecret) return undefined;

    const requirementOf = createSchemeRequirement(model, new Set(schemes));
    const cache = createExpiringCache<Result>(maxEntries);
    const inFlight = new Map<string, Promise<Result>>();
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    const target = endpoint;
    let pool: Pool | undefined;
    const challenge = `Bearer realm="${realm}"`;

    const introspect = async (token: string): Promise<Result> => {
      pool ??= new Pool(target.origin, {
        connections: 16,
        connect: { timeout: timeoutMs },
        keepAliveTimeout: 10_000,
      });
      const form = new URLSearchParams({ token, token_type_hint: 'access_token' });
      if (clientAuth === 'client_secret_post') {
        form.set('client_id', clientId);
        form.set('client_secret', clientSecret);
      }
      const response = await pool.request({
        method: 'POST',
        path: `${target.pathname}${target.search}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          ...(clientAuth === 'client_secret_basic' ? { authorization: basic } : {}),
        },
        body: form.toString(),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`introspection endpoint ${target.href} answered ${response.statusCode}`);
      }
      const body = JSON.parse(
        (await readLimitedBody(response.body, MAX_RESPONSE_BYTES)).toString('utf8'),
      ) as Record<string, unknown>;
      if (typeof body !== 'object' || body === null || typeof body['active'] !== 'boolean')
        throw new Error(`introspection endpoint ${target.href} answered without a boolean "active"`);
      if (body['active'] !== true) return { active: false, reason: 'token is not active' };
      const now = Date.now() / 1000;
      if (typeof body['exp'] === 'number' && body['exp'] <= now)
        return { active: false, reason: 'token expired' };
      if (typeof body['nbf'] === 'number' && body['nbf'] > now + 30)
        return { active: false, reason: 'token not yet valid' };
      if (issuer !== undefined && body['iss'] !== issuer)
        return { active: false, reason: `token issuer ${JSON.stringify(body['iss'])} is not ${issuer}` };
      if (audience !== undefined) {
        const aud = body['aud'];
        const list = Array.isArray(aud) ? aud : [aud];
        if (!list.some((a) => typeof a === 'string' && audience.includes(a)))
          return { active: false, reason: 'token audience does not include this API' };
      }
      const fingerprint = createHash('sha256').update(token).digest('hex').slice(0, 16);
      const identity = buildTokenIdentity(body, claims, 'introspection', fingerprint);
      if (!identity) return { active: false, reason: 'introspection names no subject (sub, client_id)' };
      const exp = body['exp'];
      return { active: true, token: identity, expiresAt: typeof exp === 'number' ? exp * 1000 : undefined };
    };

    const apply = (ctx: RequestContext, result: Result): Denial | undefined => {
      if (!result.active) {
        ctx.auth = result.reason === 'token expired' ? 'expired' : 'invalid';
        return {
          status: 401,
          detail: 'The access token is not valid.',
          reason: result.reason,
          headers: { 'www-authenticate': `${challenge}, error="invalid_token"` },
        };
      }
      ctx.identity = result.token.identity;
      ctx.auth = 'success';
      for (const scheme of schemes) ctx.satisfiedSchemes.set(scheme, result.token.scopes);
      return undefined;
    };

    const lookup = async (ctx: RequestContext, token: string, key: string): Promise<Denial | undefined> => {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = introspect(token);
        inFlight.set(key, pending);
        pending
          .then(
            (result) => {
              const now = Date.now();
              const until = result.active
                ? Math.min(now + maxTtlMs, result.expiresAt ?? now + maxTtlMs)
                : now + inactiveTtlMs;
              cache.set(key, result, until);
            },
            () => undefined,
          )
          .finally(() => inFlight.delete(key));
      }
      let result: Result;
      try {
        result = await pending;
      } catch (error) {
        ctx.auth = 'error';
        if (failOpen) return undefined;
        throw error;
      }
      return apply(ctx, result);
    };

    return {
      request(ctx) {
        const requirement = requirementOf(ctx.operation);
        if (requirement === 'none') return undefined;
        // A JWT policy earlier in the stage already authenticated this request for one of the alternatives.
        if (ctx.auth === 'success' && ctx.identity?.method === 'jwt') return undefined;
        const token = readBearerToken(ctx.headers);
        if (token === undefined) {
          if (requirement === 'optional') return undefined;
          ctx.auth = 'missing';
          return {
            status: 401,
            detail: 'A bearer token is required.',
            reason: 'no bearer token in Authorization',
            headers: { 'www-authenticate': challenge },
          };
        }
        if (token === null) {
          ctx.auth = 'invalid';
          return {
            status: 401,
            detail: 'The access token is not valid.',
            reason: 'malformed bearer credential',
            headers: { 'www-authenticate': `${challenge}, error="invalid_token"` },
          };
        }
        const key = createHash('sha256').update(token).digest('base64');
        const hit = cache.get(key, Date.now());
        if (hit) return apply(ctx, hit);
        return lookup(ctx, token, key);
      },
      close: () => pool?.close(),
    };
  },
});
