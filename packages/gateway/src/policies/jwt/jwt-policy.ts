import { hash } from 'node:crypto';
import { isLoopbackHost } from '@rampart/core';
import { createLocalJWKSet, decodeJwt, errors, type JWK, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { Agent } from 'undici';
import { buildTokenIdentity, type TokenIdentity } from '../../build-token-identity.js';
import { createConfigReader } from '../../create-config-reader.js';
import { createExpiringCache } from '../../create-expiring-cache.js';
import { createSchemeRequirement } from '../../create-scheme-requirement.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import { readBearerToken } from '../../read-bearer-token.js';
import type { RequestContext } from '../../request-context.js';
import { createJwksCache, JwksUnavailableError } from './create-jwks-cache.js';

/** One trusted token issuer. */
export interface JwtIssuerConfig {
  /** The exact `iss` value (RFC 7519 §4.1.1), e.g. `https://idp.example.com/`. */
  readonly issuer: string;
  /** Accepted `aud` values; a token must name at least one (RFC 7519 §4.1.3). */
  readonly audience: string | readonly string[];
  /**
   * Allowed `alg` values (RFC 8725 §3.1): RS256/384/512, PS256/384/512, ES256/384/512, EdDSA, Ed25519, or
   * HS256/384/512 with static `oct` keys. `none` is never allowed; symmetric and asymmetric algorithms cannot be
   * mixed for one issuer.
   */
  readonly algorithms: readonly string[];
  /** Where the issuer publishes its keys (https; http only on loopback). */
  readonly jwksUri?: string;
  /** Static keys instead of (or before) a JWKS URL: public JWKs, or `oct` JWKs for HS algorithms. */
  readonly keys?: readonly JWK[];
  /**
   * Security schemes of the description this issuer's tokens satisfy. Default: every `http`/`bearer`, `oauth2`
   * and `openIdConnect` scheme.
   */
  readonly schemes?: readonly string[];
  /** Claims that must be present besides `exp` (always required), e.g. `['sub', 'jti']`. */
  readonly requiredClaims?: readonly string[];
  /** Claim with the roles (dotted for nesting). Default `roles`. */
  readonly rolesClaim?: string;
  /** Claim with the tenant (dotted for nesting). Default `tenant`. */
  readonly tenantClaim?: string;
  /** Required JWT `typ` header, e.g. `at+jwt` (RFC 9068). */
  readonly typ?: string;
  /** Oldest accepted `iat`, in seconds. */
  readonly maxTokenAgeSeconds?: number;
  /** JWKS cache tuning: see `createJwksCache`. */
  readonly jwks?: {
    readonly maxAgeMs?: number;
    readonly cooldownMs?: number;
    readonly staleMaxAgeMs?: number;
    readonly timeoutMs?: number;
  };
}

/** `policies.jwt`. */
export interface JwtPolicyConfig {
  readonly issuers: readonly JwtIssuerConfig[];
  /** Leeway for `exp`, `nbf` and `iat`. Default 30. */
  readonly clockToleranceSeconds?: number;
  /**
   * When the keys cannot be obtained (JWKS endpoint down, cold cache or stale beyond `jwks.staleMaxAgeMs`):
   * `closed` (default) refuses with 503; `open` lets the request go on unauthenticated (`auth: error`), leaving it
   * to authorization.
   */
  readonly failMode?: 'closed' | 'open';
  /** Verified-token cache: entries live until the token's `exp`, at most `maxTtlSeconds`. */
  readonly tokenCache?: { readonly maxEntries?: number; readonly maxTtlSeconds?: number };
  /** `realm` of `WWW-Authenticate`. Default `api`. */
  readonly realm?: string;
}

const ASYMMETRIC = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);
const SYMMETRIC = new Set(['HS256', 'HS384', 'HS512']);
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

interface CompiledIssuer {
  readonly issuer: string;
  readonly audience: string | string[];
  readonly algorithms: string[];
  readonly getKey: JWTVerifyGetKey;
  readonly schemes: readonly string[];
  readonly requiredClaims: string[];
  readonly claims: { readonly roles: string; readonly tenant: string };
  readonly typ: string | undefined;
  readonly maxTokenAge: number | undefined;
}

interface Verified {
  readonly token: TokenIdentity;
  readonly schemes: readonly string[];
}

/**
 * JWT bearer authentication (RFC 7519, RFC 8725 best practices; OWASP API2, CWE-287/CWE-347), per operation from
 * the description's security requirements. jose verifies: the algorithm must be in the issuer's allowlist (never
 * `none`), the key is selected by `kid`/`alg` and must fit the algorithm (an RSA key is never used as an HMAC
 * secret), `exp` is required, `nbf`/`iat`/`iss`/`aud` are checked with the configured clock tolerance. Verified
 * tokens are cached by SHA-256 (bounded LRU, until `exp`), so a repeated token costs one hash.
 */
export const jwtPolicy = definePolicy<JwtPolicyConfig>({
  id: 'jwt',
  stage: 'authenticate',
  failMode: 'closed',
  description: 'Verifies JWT bearer tokens (JWKS or static keys, algorithm allowlist, exp/nbf/iss/aud).',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['issuers', 'clockToleranceSeconds', 'failMode', 'tokenCache', 'realm']);
    const clockTolerance = r.int('clockToleranceSeconds', 30, 0, 600);
    const failOpen = r.oneOf('failMode', ['closed', 'open'], 'closed') === 'open';
    const realm = r.string('realm') ?? 'api';
    const cacheConfig = r.object('tokenCache');
    cacheConfig?.known(['maxEntries', 'maxTtlSeconds']);
    const maxEntries = cacheConfig?.int('maxEntries', 10_000, 0, 10_000_000) ?? 10_000;
    const maxTtlMs = (cacheConfig?.int('maxTtlSeconds', 300, 1, 86_400) ?? 300) * 1000;
    const model = context.model;
    const bearerSchemes = Object.values(model?.securitySchemes ?? {})
      .filter(
        (s) =>
          (s.type === 'http' && s.scheme === 'bearer') || s.type === 'oauth2' || s.type === 'openIdConnect',
      )
      .map((s) => s.name);

    let agent: Agent | undefined;
    const dispatcher = (): Agent => {
      agent ??= new Agent({ connect: { timeout: 5000 }, keepAliveTimeout: 10_000 });
      return agent;
    };
    const issuers = new Map<string, CompiledIssuer>();
    const issuerReaders = r.list('issuers', { required: true }) ?? [];
    if (r.has('issuers') && issuerReaders.length === 0) r.problem('issuers', 'must list at least one issuer');
    for (const ir of issuerReaders) {
      ir.known([
        'issuer',
        'audience',
        'algorithms',
        'jwksUri',
        'keys',
        'schemes',
        'requiredClaims',
        'rolesClaim',
        'tenantClaim',
        'typ',
        'maxTokenAgeSeconds',
        'jwks',
      ]);
      const issuer = ir.string('issuer', { required: true });
      const audience = ir.strings('audience', { single: true, required: true });
      const algorithms = ir.strings('algorithms', { required: true }) ?? [];
      for (const alg of algorithms)
        if (!ASYMMETRIC.has(alg) && !SYMMETRIC.has(alg))
          ir.problem(
            'algorithms',
            `"${alg}" is not an allowed algorithm (${[...ASYMMETRIC, ...SYMMETRIC].join(', ')}); "none" never is`,
          );
      const symmetric = algorithms.some((a) => SYMMETRIC.has(a));
      if (symmetric && algorithms.some((a) => ASYMMETRIC.has(a)))
        ir.problem(
          'algorithms',
          'must not mix HMAC (HS*) and public-key algorithms: that invites key confusion',
        );
      if (algorithms.length === 0 && ir.has('algorithms')) ir.problem('algorithms', 'must list at least one');
      const jwksUri = ir.string('jwksUri');
      let jwksUrl: URL | undefined;
      if (jwksUri !== undefined) {
        try {
          jwksUrl = new URL(jwksUri);
          if (
            jwksUrl.protocol !== 'https:' &&
            !(jwksUrl.protocol === 'http:' && isLoopbackHost(jwksUrl.hostname))
          )
            ir.problem('jwksUri', `must be an https URL (http only on loopback), got "${jwksUri}"`);
        } catch {
          ir.problem('jwksUri', `must be an absolute URL, got "${jwksUri}"`);
        }
        if (symmetric) ir.problem('jwksUri', 'cannot serve HMAC secrets: configure HS* keys in "keys"');
      }
      const staticKeys = ir.value['keys'];
      let local: JWTVerifyGetKey | undefined;
      if (staticKeys !== undefined) {
        if (!Array.isArray(staticKeys) || staticKeys.length === 0)
          ir.problem('keys', 'must be a non-empty list of JWKs');
        else {
          staticKeys.forEach((key: unknown, i: number) => {
            const kty = (key as JWK | null)?.kty;
            if (symmetric ? kty !== 'oct' : kty === 'oct')
              ir.problem(
                `keys[${i}]`,
                symmetric
                  ? 'must be an "oct" JWK for HS algorithms'
                  : 'an "oct" secret cannot verify public-key algorithms',
              );
            if (!symmetric && (key as Record<string, unknown>)['d'] !== undefined)
              ir.problem(`keys[${i}]`, 'is a private key; configure the public key only');
          });
          try {
            local = symmetric
              ? createSecretKeys(staticKeys as JWK[])
              : createLocalJWKSet({ keys: staticKeys as JWK[] });
          } catch (error) {
            ir.problem('keys', `is not a valid JWK set: ${(error as Error).message}`);
          }
        }
      }
      if (jwksUri === undefined && staticKeys === undefined)
        ir.problem('', 'needs "jwksUri" or "keys" to verify signatures');
      const jwksConfig = ir.object('jwks');
      jwksConfig?.known(['maxAgeMs', 'cooldownMs', 'staleMaxAgeMs', 'timeoutMs']);
      const remote = jwksUrl
        ? createJwksCache({
            url: jwksUrl,
            maxAgeMs: jwksConfig?.int('maxAgeMs', 600_000, 0, 86_400_000) ?? 600_000,
            cooldownMs: jwksConfig?.int('cooldownMs', 30_000, 0, 3_600_000) ?? 30_000,
            staleMaxAgeMs: jwksConfig?.int('staleMaxAgeMs', 3_600_000, 0, 7 * 86_400_000) ?? 3_600_000,
            timeoutMs: jwksConfig?.int('timeoutMs', 5000, 1, 60_000) ?? 5000,
            dispatcher,
            warn: (message) => context.options.logger.warn(message),
          }).getKey
        : undefined;
      const getKey: JWTVerifyGetKey | undefined =
        local && remote
          ? async (header, token) => {
              try {
                return await local(header, token);
              } catch (error) {
                if (error instanceof errors.JWKSNoMatchingKey) return remote(header, token);
                throw error;
              }
            }
          : (local ?? remote);
      const schemes = ir.strings('schemes') ?? bearerSchemes;
      for (const name of ir.strings('schemes') ?? []) {
        const scheme = model?.securitySchemes[name];
        if (!model)
          ir.problem('schemes', 'needs routing.model: schemes are looked up in the API description');
        else if (
          !scheme ||
          (scheme.type !== 'http' && scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect')
        )
          ir.problem(
            'schemes',
            `"${name}" is not an http bearer, oauth2 or openIdConnect scheme of the description`,
          );
      }
      const requiredClaims = ['exp', ...(ir.strings('requiredClaims') ?? []).filter((c) => c !== 'exp')];
      const maxTokenAgeSeconds = ir.has('maxTokenAgeSeconds')
        ? ir.int('maxTokenAgeSeconds', 0, 1, 31_536_000)
        : undefined;
      if (issuer === undefined || audience === undefined || !getKey) continue;
      if (issuers.has(issuer)) ir.problem('issuer', `"${issuer}" is configured twice`);
      issuers.set(issuer, {
        issuer,
        audience: audience.length === 1 ? (audience[0] as string) : audience,
        algorithms,
        getKey,
        schemes,
        requiredClaims,
        claims: { roles: ir.string('rolesClaim') ?? 'roles', tenant: ir.string('tenantClaim') ?? 'tenant' },
        typ: ir.string('typ'),
        maxTokenAge: maxTokenAgeSeconds,
      });
    }
    if (issuers.size === 0) return undefined;

    const allSchemes = new Set([...issuers.values()].flatMap((i) => i.schemes));
    const requirementOf = createSchemeRequirement(model, allSchemes);
    const cache = createExpiringCache<Verified>(maxEntries);
    const challenge = `Bearer realm="${realm}"`;
    const invalid = (
      ctx: RequestContext,
      reason: string,
      detail = 'The access token is not valid.',
    ): Denial => {
      ctx.auth = 'invalid';
      return {
        status: 401,
        detail,
        reason,
        headers: { 'www-authenticate': `${challenge}, error="invalid_token"` },
      };
    };
    const accept = (ctx: RequestContext, verified: Verified): undefined => {
      ctx.identity = verified.token.identity;
      ctx.auth = 'success';
      for (const scheme of verified.schemes) ctx.satisfiedSchemes.set(scheme, verified.token.scopes);
      return undefined;
    };

    const verify = async (
      ctx: RequestContext,
      token: string,
      key: string,
      fingerprint: string,
    ): Promise<Denial | undefined> => {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        return invalid(ctx, 'token is not a decodable JWT');
      }
      const issuer = typeof iss === 'string' ? issuers.get(iss) : undefined;
      if (!issuer)
        return invalid(ctx, `token issuer ${JSON.stringify(iss)?.slice(0, 100)} is not configured`);
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, issuer.getKey, {
          issuer: issuer.issuer,
          audience: issuer.audience,
          algorithms: issuer.algorithms,
          clockTolerance: clockTolerance,
          requiredClaims: issuer.requiredClaims,
          ...(issuer.typ !== undefined ? { typ: issuer.typ } : {}),
          ...(issuer.maxTokenAge !== undefined ? { maxTokenAge: issuer.maxTokenAge } : {}),
        }));
      } catch (error) {
        if (error instanceof JwksUnavailableError) {
          ctx.auth = 'error';
          if (failOpen) return undefined;
          throw error;
        }
        if (error instanceof errors.JWTExpired) {
          const denial = invalid(ctx, `token expired (${error.message})`, 'The access token expired.');
          ctx.auth = 'expired';
          return denial;
        }
        if (error instanceof errors.JOSEError) return invalid(ctx, `${error.code}: ${error.message}`);
        throw error;
      }
      const token2 = buildTokenIdentity(payload, issuer.claims, 'jwt', fingerprint);
      if (!token2) return invalid(ctx, 'token names no subject (sub or client_id)');
      const verified: Verified = { token: token2, schemes: issuer.schemes };
      const exp = typeof payload['exp'] === 'number' ? payload['exp'] * 1000 : Number.POSITIVE_INFINITY;
      const now = Date.now();
      cache.set(key, verified, Math.min(exp, now + maxTtlMs));
      return accept(ctx, verified);
    };

    return {
      request(ctx) {
        const requirement = requirementOf(ctx.operation);
        if (requirement === 'none') return undefined;
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
        if (token === null) return invalid(ctx, 'malformed bearer credential');
        // An opaque token on an operation that also accepts other schemes is for another policy (introspection).
        if (!JWT_SHAPE.test(token))
          return requirement === 'optional' ? undefined : invalid(ctx, 'token is not a JWT');
        // The cache is keyed by the token's SHA-256, never by the token itself (no bearer credential is kept in
        // memory beyond its request): one native one-shot hash to a string, then a Map look-up.
        const key = hash('sha256', token, 'base64');
        const hit = cache.get(key, Date.now());
        if (hit) return accept(ctx, hit);
        return verify(ctx, token, key, Buffer.from(key, 'base64').toString('hex', 0, 8));
      },
      close: () => agent?.close(),
    };
  },
});

/**
 * Key selection for HS* issuers (jose's JWK sets never yield HMAC keys): the `oct` key named by `kid`, or the only
 * one. jose still checks `alg` against the allowlist, and a raw secret only ever verifies HMAC algorithms.
 */
function createSecretKeys(keys: readonly JWK[]): JWTVerifyGetKey {
  const secrets = keys.map((key) => {
    if (key.kty !== 'oct' || typeof key.k !== 'string')
      throw new TypeError('HS keys must be "oct" JWKs with "k"');
    return { kid: key.kid, secret: new Uint8Array(Buffer.from(key.k, 'base64url')) };
  });
  return (header) => {
    const match = header.kid === undefined ? secrets : secrets.filter((s) => s.kid === header.kid);
    if (match.length !== 1) throw new errors.JWKSNoMatchingKey();
    return (match[0] as { secret: Uint8Array }).secret;
  };
}
