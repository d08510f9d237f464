import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Blocklist, type Finding, RampartError, RampartValidationError } from '@rampart/core';
import { createGateway, type Gateway, type GatewayOptions, type ListenAddress } from '@rampart/gateway';
import {
  createMemoryBlocklist,
  createMonitor,
  createResponder,
  DETECTORS,
  type MemoryBlocklist,
  type Monitor,
} from '@rampart/monitor';
import { createSqliteStore, type SqliteStore } from '@rampart/store';
import { type BatchingSink, createBatchingSink } from './create-batching-sink.js';
import { combineEventSinks } from './combine-event-sinks.js';
import { createStoreAlertSink } from './create-store-alert-sink.js';
import type { LoadConfigResult } from './config/load-config.js';
import type { RampartConfig } from './config/rampart-config.js';
import type { Writer } from './define-command.js';
import { formatError } from './format-error.js';
import { locateGatewayProblems } from './locate-gateway-problems.js';
import { resolveGatewaySetup } from './resolve-gateway-setup.js';
import { writeGatewayWarnings } from './write-gateway-warnings.js';

/** Where the service hears SIGHUP, SIGINT and SIGTERM: `process`, or an emitter in tests and cluster workers. */
export interface SignalSource {
  on(signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface GatewayServiceOptions {
  /** Reads and validates the configuration; called at start and again on every reload. */
  readonly loadConfig: () => Promise<LoadConfigResult>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Start-up lines, warnings, reload results and operational problems. */
  readonly log: Writer;
  /** Also run the monitor in this process, fed by the gateway, answering alerts with blocks (`rampart up`). */
  readonly monitor?: boolean;
  /** Default `process`. */
  readonly signals?: SignalSource;
  /** Print the insecure-setting warnings (cluster workers leave that to the primary). Default true. */
  readonly printWarnings?: boolean;
}

/** A running gateway (and monitor) with its store. */
export interface GatewayService {
  readonly address: ListenAddress;
  readonly admin: ListenAddress | undefined;
  /** `http(s)://host:port` of the gateway. */
  readonly url: string;
  readonly adminUrl: string | undefined;
  /** Absolute path of the SQLite database. */
  readonly storePath: string;
  readonly warnings: readonly Finding[];
  /** The in-process blocklist the monitor feeds (`monitor: true` only). */
  readonly blocklist: MemoryBlocklist | undefined;
  readonly monitor: Monitor | undefined;
  /** Re-reads the configuration and description and swaps them in; false (and a log line) when they are bad. */
  reload(reason: string): Promise<boolean>;
  /** Graceful shutdown: stop accepting, drain, flush events and alerts to the store, close it. */
  close(): Promise<void>;
  /** Resolves once the service has shut down (after `close()` or SIGINT/SIGTERM). */
  readonly closed: Promise<void>;
}

/**
 * Starts the gateway from `rampart.yaml` with its events going to the embedded SQLite store through a batching
 * sink, and with `monitor: true` also to an in-process monitor whose alerts are saved to the store and whose
 * responder puts actors on the blocklist the gateway enforces. Hot reload on SIGHUP and when the configuration or
 * description file changes (debounced); a bad reload keeps the running configuration and logs why, with
 * file:line. Graceful shutdown on SIGINT/SIGTERM.
 *
 * Throws before anything listens when the configuration, the description or the store is unusable.
 */
export async function startGatewayService(options: GatewayServiceOptions): Promise<GatewayService> {
  const log = options.log;
  const signals = options.signals ?? process;
  const loaded = await options.loadConfig();
  const config = loaded.config;
  if (config.store.driver !== 'sqlite')
    throw new RampartError(
      'RAMPART_ERR_CONFIG_INVALID',
      `store.driver is "${config.store.driver}", but the gateway only writes to the embedded SQLite store yet`,
      { hint: 'set store.driver: sqlite (the default) for rampart gateway and rampart up' },
    );
  const detectors = options.monitor ? selectDetectors(config) : undefined;
  let setup = await resolveGatewaySetup(loaded, options);
  if (options.printWarnings !== false) writeGatewayWarnings(log, setup.warnings);

  const storePath = resolve(options.cwd, config.store.sqlite.path);
  const store: SqliteStore = createSqliteStore({ path: storePath });
  const warn = (message: string) => log.write(`rampart: ${message}\n`);
  const storeSink = createBatchingSink({
    write: (events) => store.saveEvents(events),
    onError: (error, lost) => warn(`event store: ${lost} event(s) not saved: ${(error as Error).message}`),
  });
  let monitor: Monitor | undefined;
  let blocklist: MemoryBlocklist | undefined;
  let monitorSink: BatchingSink | undefined;
  let alertSink: ReturnType<typeof createStoreAlertSink> | undefined;
  if (detectors) {
    blocklist = createMemoryBlocklist();
    alertSink = createStoreAlertSink(store, (error) => warn(`alert not saved: ${(error as Error).message}`));
    const running = createMonitor({
      detectors,
      ...(setup.model ? { model: setup.model } : {}),
      sinks: [alertSink],
      responder: createResponder({ blocklist }),
      onError: (error, where) => warn(`monitor: ${where}: ${(error as Error)?.message ?? String(error)}`),
    });
    monitor = running;
    monitorSink = createBatchingSink({
      write: (events) => running.ingest(events),
      onError: (error, lost) => warn(`monitor: ${lost} event(s) not analysed: ${(error as Error).message}`),
    });
  }
  const eventSink = combineEventSinks(monitorSink ? [storeSink, monitorSink] : [storeSink], (error) =>
    warn(`event sink: ${(error as Error).message}`),
  );
  const ports = (base: GatewayOptions): GatewayOptions => ({
    ...base,
    eventSink,
    ...(blocklist ? { blocklist: blocklist as Blocklist } : {}),
    logger: { warn: (message) => warn(message.startsWith('gateway') ? message : `gateway: ${message}`) },
  });

  let gateway: Gateway;
  let bound: Awaited<ReturnType<Gateway['listen']>>;
  try {
    gateway = createGateway(ports(setup.options));
    bound = await gateway.listen();
  } catch (error) {
    await store.close();
    throw locateGatewayProblems(error, setup.locator);
  }

  const scheme = setup.options.tls ? 'https' : 'http';
  const url = `${scheme}://${hostForUrl(bound.address)}:${bound.port}`;
  const adminUrl = bound.admin ? `http://${hostForUrl(bound.admin.address)}:${bound.admin.port}` : undefined;

  let closing: Promise<void> | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((done) => {
    resolveClosed = done;
  });
  let watchers: FSWatcher[] = [];
  let debounce: NodeJS.Timeout | undefined;

  const reload = async (reason: string): Promise<boolean> => {
    if (closing) return false;
    try {
      const next = await options.loadConfig();
      const nextSetup = await resolveGatewaySetup(next, options);
      const restart = restartOnlyChanges(config, next.config);
      if (restart.length > 0)
        throw new RampartValidationError(
          'RAMPART_ERR_CONFIG_INVALID',
          'gateway configuration was not reloaded:',
          restart.map((path) => ({ path, message: 'cannot change on reload', hint: 'restart rampart' })),
        );
      try {
        await gateway.reload(ports(nextSetup.options));
      } catch (error) {
        throw locateGatewayProblems(error, nextSetup.locator);
      }
      setup = nextSetup;
      warn(`configuration reloaded (${reason})`);
      if (options.printWarnings !== false) writeGatewayWarnings(log, setup.warnings);
      rewatch();
      return true;
    } catch (error) {
      const text = formatError(error, { debug: false }).text.replace(/^rampart: /, '');
      warn(`reload (${reason}) failed; the previous configuration stays in use: ${text.trimEnd()}`);
      return false;
    }
  };

  const rewatch = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
    const settings = config.gateway.reload;
    if (!settings.watch) return;
    const files = [setup.configFile, setup.specFile, ...setup.upstreamTlsFiles].filter(
      (f): f is string => f !== undefined,
    );
    // Directories, not files: editors and config managers replace files by rename, which ends a file watch.
    const byDir = new Map<string, Set<string>>();
    for (const file of files) {
      const names = byDir.get(dirname(file)) ?? new Set<string>();
      names.add(basename(file));
      byDir.set(dirname(file), names);
    }
    for (const [dir, names] of byDir) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || !names.has(name.toString())) return;
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(() => void reload(`${name.toString()} changed`), settings.debounceMs);
          debounce.unref();
        });
        watcher.on('error', (error) => warn(`cannot watch ${dir} for changes: ${error.message}`));
        watchers.push(watcher);
      } catch (error) {
        warn(`cannot watch ${dir} for changes: ${(error as Error).message}`);
      }
    }
  };
  rewatch();

  const onHangup = () => void reload('SIGHUP');
  const onStop = () => void close();
  const close = (): Promise<void> => {
    closing ??= (async () => {
      signals.off('SIGHUP', onHangup);
      signals.off('SIGINT', onStop);
      signals.off('SIGTERM', onStop);
      if (debounce) clearTimeout(debounce);
      for (const watcher of watchers) watcher.close();
      try {
        // Stops accepting, drains in-flight requests, then flushes the event sinks (store and monitor).
        await gateway.close();
        if (monitor) await monitor.close();
        await alertSink?.flush();
        await storeSink.flush();
      } finally {
        await store.close();
        resolveClosed();
      }
    })();
    return closing;
  };
  signals.on('SIGHUP', onHangup);
  signals.on('SIGINT', onStop);
  signals.on('SIGTERM', onStop);

  return {
    address: { port: bound.port, address: bound.address },
    admin: bound.admin,
    url,
    adminUrl,
    storePath,
    get warnings() {
      return setup.warnings;
    },
    blocklist,
    monitor,
    reload,
    close,
    closed,
  };
}

/** Settings the running process was built from, which a reload cannot change. */
function restartOnlyChanges(before: RampartConfig, after: RampartConfig): string[] {
  const changed: string[] = [];
  if (before.gateway.workers !== after.gateway.workers) changed.push('gateway.workers');
  if (before.store.sqlite.path !== after.store.sqlite.path) changed.push('store.sqlite.path');
  if (JSON.stringify(before.monitor) !== JSON.stringify(after.monitor)) changed.push('monitor');
  return changed;
}

function selectDetectors(config: RampartConfig) {
  const disable = config.monitor.detectors.disable;
  const known = new Set(DETECTORS.map((d) => d.id));
  const unknown = disable.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_INVALID',
      'invalid configuration:',
      unknown.map((id) => ({
        path: 'monitor.detectors.disable',
        message: `"${id}" is not a detector`,
        hint: `detectors are: ${[...known].join(', ')}`,
      })),
    );
  return DETECTORS.filter((d) => !disable.includes(d.id));
}

function hostForUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
