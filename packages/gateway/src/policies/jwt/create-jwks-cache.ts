import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Dispatcher } from 'undici';
import { readLimitedBody } from '../../read-limited-body.js';

/** Options of `createJwksCache`. */
export interface JwksCacheOptions {
  /** The `jwks_uri` (https, or http on loopback for tests). */
  readonly url: URL;
  /** Keys younger than this are used without asking the IdP. Default 10 minutes. */
  readonly maxAgeMs: number;
  /** Least time between two fetches (refetch on unknown `kid`, retries while the IdP is down). Default 30 s. */
  readonly cooldownMs: number;
  /**
   * How long past `maxAgeMs` the last keys keep being used while refreshing fails (the IdP is down). After that
   * the cache fails closed: every verification fails with `JwksUnavailableError`. Default 1 hour.
   */
  readonly staleMaxAgeMs: number;
  /** Timeout of one fetch. Default 5 s. */
  readonly timeoutMs: number;
  readonly dispatcher: () => Dispatcher;
  /** Reports background refresh failures. */
  readonly warn: (message: string) => void;
  readonly now?: () => number;
}

/** A JWKS cache: jose's key selection over keys fetched with the cache rules of `JwksCacheOptions`. */
export interface JwksCache {
  /** The key resolver for `jwtVerify`. Rejects with `JwksUnavailableError` when no usable key set is at hand. */
  readonly getKey: JWTVerifyGetKey;
  /** Number of fetch attempts so far (for tests and metrics). */
  fetches(): number;
}

/** The key set could not be obtained (cold cache, or stale beyond `staleMaxAgeMs`) from an unreachable IdP. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

const MAX_JWKS_BYTES = 512 * 1024;

/**
 * A JWKS cache with the behaviour RFC 7517 deployments need and `jose.createRemoteJWKSet` does not fully give
 * (it refetches before use once `cacheMaxAge` passes and fails if the IdP is down, i.e. it never serves stale):
 *
 * - keys are cached and used for `maxAgeMs` without any request to the IdP;
 * - a token whose `kid` matches no cached key triggers one refetch (key rotation), at most once per `cooldownMs`,
 *   so random `kid`s cannot make the gateway hammer the IdP;
 * - past `maxAgeMs` the cached keys keep serving while a background refresh runs (at most once per cooldown);
 *   if the IdP is down they serve for `staleMaxAgeMs` more, then verification fails closed;
 * - with no keys yet (cold), a fetch is awaited; while the IdP is down, requests fail fast (one attempt per
 *   cooldown) rather than each waiting for a timeout.
 *
 * Concurrent callers share one in-flight fetch. Key selection (`kid`, `alg`, `kty`, `use`) is jose's
 * `createLocalJWKSet`, which refuses a key whose type does not fit the algorithm (RS/HS confusion).
 */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const now = options.now ?? Date.now;
  let local: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = 0;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let lastError: unknown;
  let pending: Promise<void> | undefined;
  let attempts = 0;

  const fetchKeys = async (): Promise<void> => {
    attempts++;
    lastAttempt = now();
    const response = await options.dispatcher().request({
      origin: options.url.origin,
      path: `${options.url.pathname}${options.url.search}`,
      method: 'GET',
      headers: { accept: 'application/jwk-set+json, application/json' },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`JWKS endpoint answered ${response.statusCode}`);
    }
    const body = await readLimitedBody(response.body, MAX_JWKS_BYTES);
    const jwks = JSON.parse(body.toString('utf8')) as JSONWebKeySet;
    // createLocalJWKSet validates the set's shape and throws on a malformed one.
    local = createLocalJWKSet(jwks);
    fetchedAt = now();
    lastError = undefined;
  };

  const refresh = (): Promise<void> => {
    pending ??= fetchKeys()
      .catch((error: unknown) => {
        lastError = error;
        throw error;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const unavailable = (why: string): JwksUnavailableError =>
    new JwksUnavailableError(
      `JWKS ${options.url.href} ${why}${lastError ? `: ${(lastError as Error).message ?? lastError}` : ''}`,
      { cause: lastError },
    );

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const time = now();
    const age = time - fetchedAt;
    if (!local || age > options.maxAgeMs + options.staleMaxAgeMs) {
      if (pending) await pending.catch(() => undefined);
      else if (time - lastAttempt < options.cooldownMs && lastError !== undefined)
        throw unavailable(local ? 'keys expired and the last refresh failed' : 'is unreachable');
      else {
        try {
          await refresh();
        } catch {
          // reported below
        }
      }
      if (!local || now() - fetchedAt > options.maxAgeMs + options.staleMaxAgeMs)
        throw unavailable(local ? 'keys expired and refreshing failed' : 'could not be fetched');
    } else if (age > options.maxAgeMs && !pending && time - lastAttempt >= options.cooldownMs) {
      refresh().catch((error: unknown) =>
        options.warn(
          `gateway: refreshing JWKS ${options.url.href} failed; serving cached keys: ${(error as Error)?.message}`,
        ),
      );
    }
    const keys = local;
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - lastAttempt < options.cooldownMs)
        throw error;
      try {
        await refresh();
      } catch {
        throw error;
      }
      return (local ?? keys)(header, token);
    }
  };

  return { getKey, fetches: () => attempts };
}
