import { Agent } from 'undici';
import { createExpiringCache } from '../../create-expiring-cache.js';
import { readLimitedBody } from '../../read-limited-body.js';

/** Options of `createOwnerLookup`. */
export interface OwnerLookupOptions {
  /** URL with `{value}` where the object id goes, e.g. `http://accounts.internal/accounts/{value}`. */
  readonly url: string;
  /** JSON pointer of the owner in the lookup's JSON answer, e.g. `/ownerId`. */
  readonly pointer: string;
  /** Extra request headers (e.g. a service credential). */
  readonly headers: Readonly<Record<string, string>>;
  readonly ttlMs: number;
  readonly timeoutMs: number;
  readonly maxEntries: number;
}

/** Finds who owns an object by asking a service; answers are cached. */
export interface OwnerLookup {
  /** The owner (the value at `pointer`), or undefined when the object does not exist (404) or has none. */
  owner(value: string): Promise<unknown>;
  close(): Promise<void>;
}

const MAX_BYTES = 256 * 1024;

/**
 * Creates an owner lookup: `GET url` with the object id substituted (percent-encoded, so an id cannot change the
 * path), 200 → the value at `pointer`, 404 → no owner; anything else throws, and the policy fails closed.
 * Answers (including "no owner") are cached for `ttlMs`; concurrent lookups of one id share a request.
 */
export function createOwnerLookup(options: OwnerLookupOptions): OwnerLookup {
  const cache = createExpiringCache<{ owner: unknown }>(options.maxEntries);
  const pending = new Map<string, Promise<unknown>>();
  const tokens = options.pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  let agent: Agent | undefined;

  const fetchOwner = async (value: string): Promise<unknown> => {
    agent ??= new Agent({ connect: { timeout: options.timeoutMs }, keepAliveTimeout: 10_000 });
    const url = options.url.replaceAll('{value}', encodeURIComponent(value));
    const response = await agent.request({
      origin: new URL(url).origin,
      path: new URL(url).pathname + new URL(url).search,
      method: 'GET',
      headers: { accept: 'application/json', ...options.headers },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    if (response.statusCode === 404) {
      await response.body.dump();
      return undefined;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`owner lookup ${new URL(url).origin} answered ${response.statusCode}`);
    }
    let current: unknown = JSON.parse((await readLimitedBody(response.body, MAX_BYTES)).toString('utf8'));
    for (const token of tokens) {
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    }
    return current;
  };

  return {
    async owner(value) {
      const hit = cache.get(value, Date.now());
      if (hit) return hit.owner;
      let request = pending.get(value);
      if (!request) {
        request = fetchOwner(value);
        pending.set(value, request);
        request.then(
          (owner) => cache.set(value, { owner }, Date.now() + options.ttlMs),
          () => undefined,
        );
        request.finally(() => pending.delete(value)).catch(() => undefined);
      }
      return request;
    },
    close: async () => {
      await agent?.close();
    },
  };
}
