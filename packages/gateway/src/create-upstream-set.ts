import type { ConnectionOptions } from 'node:tls';
import type { ResolvedGatewayOptions } from './resolved-gateway-options.js';
import { UpstreamPool } from './upstream-client/upstream-pool.js';

/** One upstream: its connection pool and its health as the gateway currently sees it. */
export interface Upstream {
  readonly url: URL;
  /** `http://host:port`, the metrics label. */
  readonly origin: string;
  /** The upstream URL's path without a trailing slash ('' for none), prefixed to forwarded paths. */
  readonly basePath: string;
  /** `host[:port]` for the `Host` header. */
  readonly host: string;
  readonly pool: UpstreamPool;
  /** The `tls.connect` options of an `https:` upstream's `tls` block, for connections outside the pool (WebSockets). */
  readonly tls: ConnectionOptions | undefined;
  healthy: boolean;
  failures: number;
  successes: number;
  /** Epoch ms until which a passively failed upstream stays out of rotation (no active checks). */
  downUntil: number;
}

/** The upstreams of one configuration: weighted round-robin, passive and active health checks. */
export interface UpstreamSet {
  readonly upstreams: readonly Upstream[];
  /**
   * The next healthy upstream not in `exclude`; when none is healthy, the next one not excluded anyway (so a
   * recovered upstream is found by real traffic); `undefined` when all are excluded.
   */
  pick(exclude?: ReadonlySet<Upstream>): Upstream | undefined;
  /** A connection-level failure (refused, reset, connect timeout). */
  reportFailure(upstream: Upstream): void;
  reportSuccess(upstream: Upstream): void;
  /** True when at least one upstream is healthy. */
  isReady(): boolean;
  /** Starts active health checks, when configured. */
  start(): void;
  /** Stops checks and closes pools gracefully (in-flight requests on them finish first). */
  close(): Promise<void>;
}

/**
 * Builds the pools for `options.upstreams`; nothing connects until the first request or probe. `tls[i]` are the
 * `tls.connect` options of upstream `i` (from `loadUpstreamTls`); requests and health probes share the pool, so
 * both use them.
 */
export function createUpstreamSet(
  options: ResolvedGatewayOptions,
  tls: readonly (ConnectionOptions | undefined)[] = [],
): UpstreamSet {
  const proxy = options.proxy;
  const health = proxy.healthCheck;
  const active = health.path !== undefined;
  const upstreams: Upstream[] = options.upstreams.map(({ url }, i) => ({
    url,
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    host: url.host,
    pool: new UpstreamPool(url.origin, {
      connections: proxy.connections,
      keepAliveTimeoutMs: proxy.keepAliveTimeoutMs,
      headersTimeoutMs: proxy.headersTimeoutMs,
      bodyTimeoutMs: proxy.bodyTimeoutMs,
      connectTimeoutMs: proxy.connectTimeoutMs,
      ...(tls[i] ? { tls: tls[i] } : {}),
    }),
    tls: tls[i],
    healthy: true,
    failures: 0,
    successes: 0,
    downUntil: 0,
  }));
  const ring: Upstream[] = [];
  options.upstreams.forEach(({ weight }, i) => {
    for (let w = 0; w < weight; w++) ring.push(upstreams[i] as Upstream);
  });
  let cursor = 0;
  let timer: NodeJS.Timeout | undefined;
  const probing = new Set<Upstream>();

  const usable = (u: Upstream, now: number): boolean => u.healthy || (!active && now >= u.downUntil);

  const markFailure = (u: Upstream): void => {
    u.successes = 0;
    u.failures++;
    if (u.failures >= health.unhealthyAfter) {
      u.healthy = false;
      u.downUntil = Date.now() + health.cooldownMs;
    }
  };

  const probe = async (u: Upstream): Promise<void> => {
    if (probing.has(u)) return;
    probing.add(u);
    try {
      const res = await u.pool.request({
        method: 'GET',
        path: `${u.basePath}${health.path}`,
        headers: { host: u.host, 'user-agent': 'rampart-gateway-health-check' },
        body: null,
        headersTimeoutMs: health.timeoutMs,
        bodyTimeoutMs: health.timeoutMs,
      });
      for await (const _ of res.body) {
        // drained: the probe only needs the status
      }
      if (res.statusCode >= 200 && res.statusCode < 400) {
        u.failures = 0;
        u.successes++;
        if (!u.healthy && u.successes >= health.healthyAfter) u.healthy = true;
      } else markFailure(u);
    } catch {
      markFailure(u);
    } finally {
      probing.delete(u);
    }
  };

  return {
    upstreams,
    pick(exclude) {
      const now = Date.now();
      let fallback: Upstream | undefined;
      for (let i = 0; i < ring.length; i++) {
        const u = ring[(cursor + i) % ring.length] as Upstream;
        if (exclude?.has(u)) continue;
        if (usable(u, now)) {
          cursor = (cursor + i + 1) % ring.length;
          return u;
        }
        fallback ??= u;
      }
      cursor = (cursor + 1) % ring.length;
      return fallback;
    },
    reportFailure: markFailure,
    reportSuccess(u) {
      u.failures = 0;
      if (!active) u.healthy = true;
    },
    isReady() {
      const now = Date.now();
      return upstreams.some((u) => usable(u, now));
    },
    start() {
      if (!active || timer) return;
      const run = (): void => {
        for (const u of upstreams) void probe(u);
      };
      run();
      timer = setInterval(run, health.intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.all(upstreams.map((u) => u.pool.close().catch(() => undefined)));
    },
  };
}
