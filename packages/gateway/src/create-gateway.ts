import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Problem, RampartValidationError } from '@rampart/core';
import { type CompiledGatewayConfig, compileGatewayConfig } from './compile-gateway-config.js';
import { createAdminServer } from './create-admin-server.js';
import { createMemoryCounterStore } from './create-memory-counter-store.js';
import { createMetrics } from './create-metrics.js';
import { createRequestHandler } from './create-request-handler.js';
import { createTunnelRegistry } from './create-tunnel-registry.js';
import { createUpgradeListener } from './create-upgrade-listener.js';
import type { GatewayOptions } from './gateway-options.js';
import { createClientErrorHandler } from './handle-client-error.js';
import { loadTlsContext } from './load-tls-context.js';
import { parseGatewayOptions } from './parse-gateway-options.js';
import type { ResolvedGatewayOptions } from './resolved-gateway-options.js';
import { watchFiles } from './watch-files.js';

/** Where a listener is bound. */
export interface ListenAddress {
  readonly port: number;
  readonly address: string;
}

/** A running (or ready to run) gateway. */
export interface Gateway {
  /** Binds the proxy listener (and the admin listener unless turned off) and starts health checks. */
  listen(): Promise<ListenAddress & { readonly admin?: ListenAddress }>;
  /**
   * Graceful shutdown: stops accepting connections, lets in-flight requests finish for up to
   * `shutdownTimeoutMs`, then cuts what remains, closes upstream pools and flushes the event sink.
   */
  close(): Promise<void>;
  /**
   * Replaces the configuration. The new one is validated and compiled first; on any problem the old one stays
   * and a `RampartValidationError` says why. Then it is swapped atomically: requests in flight finish on the
   * configuration they started with. The listen address, TLS on/off, the client-certificate mode, header size
   * limit and admin address need a restart.
   */
  reload(options: GatewayOptions): Promise<void>;
  /**
   * Reads the TLS certificate, key and client CA files again and uses them for new connections. Throws
   * `RampartValidationError` and keeps the old ones when they are unusable. Also runs on its own when the files
   * change (`tls.watchIntervalMs`).
   */
  reloadCertificates(): void;
  /** The configuration new requests run on. */
  readonly options: ResolvedGatewayOptions;
}

/**
 * Creates the gateway. Validates and compiles `options` at once: misuse throws `TypeError`, bad values one
 * `RampartValidationError` listing every problem. Nothing is bound until `listen()`.
 *
 * @example
 * const gateway = createGateway({ upstreams: ['http://127.0.0.1:3000'], routing: { model: await loadApi('openapi.yaml') } });
 * const { port } = await gateway.listen();
 */
export function createGateway(options: GatewayOptions): Gateway {
  // One in-memory counter store for the gateway's lifetime, so that a reload does not reset rate limits.
  const defaultCounters = createMemoryCounterStore();
  const withPorts = (o: GatewayOptions): GatewayOptions =>
    o.counterStore ? o : { ...o, counterStore: defaultCounters };
  let current: CompiledGatewayConfig = compileGatewayConfig(parseGatewayOptions(withPorts(options)));
  const metrics = createMetrics();
  const tunnels = createTunnelRegistry();
  const retired = new Set<CompiledGatewayConfig>();
  let active = 0;
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  let listening = false;
  let stopWatching: (() => void) | undefined;
  let reloading: Promise<void> = Promise.resolve();

  const emit = (event: Parameters<NonNullable<GatewayOptions['eventSink']>['emit']>[0]): void =>
    current.options.eventSink?.emit(event);

  const handler = createRequestHandler({
    current: () => {
      active++;
      return current;
    },
    metrics,
    emit,
    isClosing: () => closing !== undefined,
    finished(config) {
      active--;
      config.inFlight--;
      if (config.retired && config.inFlight === 0 && retired.delete(config)) void config.release();
      if (closing) {
        server.closeIdleConnections();
        if (active === 0) drained?.();
      }
    },
    warn: (message) => current.options.logger.warn(message),
    tunnels,
  });

  const first = current.options;
  const serverOptions = {
    maxHeaderSize: first.limits.maxHeaderBytes,
    requestTimeout: first.limits.requestTimeoutMs,
    headersTimeout: first.limits.headersTimeoutMs,
    keepAliveTimeout: first.limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(first.limits.headersTimeoutMs / 2))),
    // Checked by the gateway itself, so the refusal is a problem response with an event.
    requireHostHeader: false,
  };
  const server: Server = first.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          ...current.secureContext,
          requestCert: first.tls.clientCertificate !== undefined,
          rejectUnauthorized: first.tls.clientCertificate?.mode === 'required',
        },
        handler,
      )
    : createHttpServer(serverOptions, handler);
  server.on(
    'clientError',
    createClientErrorHandler({ metrics, emit, staticHeaders: () => current.staticHeaders }),
  );
  // Upgrade requests (WebSocket handshakes) run the same pipeline; the handler tunnels or refuses them.
  server.on('upgrade', createUpgradeListener(handler));
  // CONNECT is never proxied: answer instead of Node's silent close.
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });

  const admin = first.adminListen
    ? createAdminServer({
        readiness() {
          if (closing) return { ready: false, reason: 'shutting down' };
          if (!listening) return { ready: false, reason: 'not listening' };
          if (!current.upstreams.isReady()) return { ready: false, reason: 'no healthy upstream' };
          return { ready: true };
        },
        // An open WebSocket tunnel is still an unfinished request to the pipeline, but not to an operator: it has
        // its own gauge.
        metrics: () => metrics.render(current.upstreams.upstreams, active - tunnels.size),
      })
    : undefined;

  const reloadCertificates = (): void => {
    const tls = current.options.tls;
    if (!tls) throw new TypeError('reloadCertificates: this gateway does not terminate TLS');
    const problems: Problem[] = [];
    const context = loadTlsContext(tls, problems);
    if (!context)
      throw new RampartValidationError(
        'RAMPART_ERR_CONFIG_INVALID',
        'TLS certificates were not reloaded; the previous ones stay in use:',
        problems,
      );
    (server as unknown as { setSecureContext(o: object): void }).setSecureContext(context);
  };

  const watch = (): void => {
    stopWatching?.();
    stopWatching = undefined;
    const tls = current.options.tls;
    if (!tls || tls.watchIntervalMs === 0) return;
    const files = [
      tls.certFile,
      tls.keyFile,
      ...(tls.clientCertificate ? [tls.clientCertificate.caFile] : []),
    ];
    stopWatching = watchFiles(files, tls.watchIntervalMs, () => {
      try {
        reloadCertificates();
      } catch (error) {
        current.options.logger.warn((error as Error).message);
      }
    });
  };

  const retire = (config: CompiledGatewayConfig): void => {
    config.retired = true;
    if (config.inFlight === 0) void config.release();
    else retired.add(config);
  };

  return {
    get options() {
      return current.options;
    },

    async listen() {
      if (closing) throw new TypeError('gateway.listen(): the gateway is closed');
      if (listening) throw new TypeError('gateway.listen(): already listening');
      const { host, port } = current.options.listen;
      server.listen(port, host);
      await once(server, 'listening');
      listening = true;
      const bound = server.address() as AddressInfo;
      let adminAddress: ListenAddress | undefined;
      if (admin && current.options.adminListen) {
        admin.listen(current.options.adminListen.port, current.options.adminListen.host);
        await once(admin, 'listening');
        const a = admin.address() as AddressInfo;
        adminAddress = { port: a.port, address: a.address };
      }
      current.upstreams.start();
      watch();
      return { port: bound.port, address: bound.address, ...(adminAddress ? { admin: adminAddress } : {}) };
    },

    reload(next) {
      const run = async (): Promise<void> => {
        if (closing) throw new TypeError('gateway.reload(): the gateway is closed');
        const resolved = parseGatewayOptions(withPorts(next));
        const before = current.options;
        const problems: Problem[] = [];
        const restart = (path: string, was: unknown, now: unknown): void => {
          if (JSON.stringify(was) !== JSON.stringify(now))
            problems.push({
              path,
              message: `cannot change on reload (was ${JSON.stringify(was)}, now ${JSON.stringify(now)})`,
              hint: 'restart the gateway',
            });
        };
        restart('listen', before.listen, resolved.listen);
        restart('adminListen', before.adminListen ?? false, resolved.adminListen ?? false);
        restart('tls', before.tls !== undefined, resolved.tls !== undefined);
        restart(
          'tls.clientCertificate.mode',
          before.tls?.clientCertificate?.mode ?? null,
          resolved.tls?.clientCertificate?.mode ?? null,
        );
        restart('limits.maxHeaderBytes', before.limits.maxHeaderBytes, resolved.limits.maxHeaderBytes);
        if (problems.length > 0)
          throw new RampartValidationError(
            'RAMPART_ERR_CONFIG_INVALID',
            'gateway configuration was not reloaded:',
            problems,
          );
        let compiled: CompiledGatewayConfig;
        try {
          compiled = compileGatewayConfig(resolved);
        } catch (error) {
          if (error instanceof RampartValidationError)
            throw new RampartValidationError(
              'RAMPART_ERR_CONFIG_INVALID',
              'gateway configuration was not reloaded; the previous one stays in use:',
              error.problems,
            );
          throw error;
        }
        if (compiled.secureContext)
          (server as unknown as { setSecureContext(o: object): void }).setSecureContext(
            compiled.secureContext,
          );
        server.requestTimeout = resolved.limits.requestTimeoutMs;
        server.headersTimeout = resolved.limits.headersTimeoutMs;
        server.keepAliveTimeout = resolved.limits.keepAliveTimeoutMs;
        const old = current;
        current = compiled;
        retire(old);
        if (listening) {
          compiled.upstreams.start();
          watch();
        }
      };
      const result = reloading.then(run, run);
      reloading = result.catch(() => undefined);
      return result;
    },

    reloadCertificates,

    close() {
      if (closing) return closing;
      closing = (async () => {
        stopWatching?.();
        const serverClosed = listening ? once(server, 'close') : Promise.resolve();
        if (listening) server.close();
        server.closeIdleConnections();
        if (active > 0) {
          const deadline = current.options.shutdownTimeoutMs;
          await new Promise<void>((resolve) => {
            drained = resolve;
            const timer = setTimeout(resolve, deadline);
            timer.unref();
          });
        }
        server.closeAllConnections();
        // Upgraded connections are no longer the HTTP server's to close.
        await tunnels.closeAll();
        await serverClosed;
        if (admin?.listening) {
          admin.closeAllConnections();
          await new Promise((resolve) => admin.close(resolve));
        }
        listening = false;
        await Promise.all([current, ...retired].map((config) => config.release()));
        await current.options.eventSink?.flush?.();
      })();
      return closing;
    },
  };
}
