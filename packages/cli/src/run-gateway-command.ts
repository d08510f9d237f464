import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { createGateway } from '@rampart/gateway';
import { createConfigReloader } from './create-config-reloader.js';
import { createWorkerSignals } from './create-worker-signals.js';
import type { CommandContext } from './define-command.js';
import { EXIT_CODES } from './exit-codes.js';
import { locateGatewayProblems } from './locate-gateway-problems.js';
import { resolveGatewaySetup } from './resolve-gateway-setup.js';
import { runGatewayCluster, WORKER_READY, type WorkerReady } from './run-gateway-cluster.js';
import { type GatewayService, startGatewayService } from './start-gateway-service.js';
import { writeGatewayWarnings } from './write-gateway-warnings.js';

/** What differs between `rampart gateway` and `rampart up`. */
export interface GatewayCommandMode {
  /** Run the monitor in the same process (`rampart up`). */
  readonly monitor: boolean;
  /** Only validate, print warnings and exit (`--check`). */
  readonly check: boolean;
  /** Prints what runs where once the gateway listens. */
  readonly banner: (ready: WorkerReady & { readonly workers: number }) => string;
}

/**
 * The body of `rampart gateway` and `rampart up`: validates the configuration and description (exit 2 on a
 * problem, before anything listens), then runs the gateway in this process, or as the `node:cluster` primary
 * when `gateway.workers > 1` (each worker runs this same command and lands in the worker branch). Resolves with
 * exit code 0 after a graceful shutdown (SIGINT/SIGTERM).
 */
export async function runGatewayCommand(context: CommandContext, mode: GatewayCommandMode): Promise<number> {
  const { stderr, stdout, cwd, env } = context;
  const loaded = await context.loadConfig();
  const reread = createConfigReloader(context);
  let first = true;
  // The first reading is the one `main` made (its warnings are printed once); reloads read the file again.
  const loadConfig = () => {
    if (!first) return reread();
    first = false;
    return Promise.resolve(loaded);
  };

  if (cluster.isWorker) {
    const signals = createWorkerSignals();
    try {
      const service = await startGatewayService({
        loadConfig,
        cwd,
        env,
        log: stderr,
        monitor: mode.monitor,
        signals,
        printWarnings: false,
      });
      const ready: WorkerReady = {
        type: WORKER_READY,
        url: service.url,
        ...(service.adminUrl ? { adminUrl: service.adminUrl } : {}),
        storePath: service.storePath,
      };
      process.send?.(ready);
      await service.closed;
    } finally {
      signals.stop();
      // The IPC channel to the primary keeps a worker alive: let go of it so the process exits.
      cluster.worker?.disconnect();
    }
    return EXIT_CODES.ok;
  }

  const workers = loaded.config.gateway.workers;
  if (mode.check || workers > 1) {
    const setup = await resolveGatewaySetup(loaded, { cwd, env });
    // Compiling the policies checks what the schema cannot (operation ids, CIDR ranges, keys); nothing listens.
    try {
      await createGateway(setup.options).close();
    } catch (error) {
      throw locateGatewayProblems(error, setup.locator);
    }
    writeGatewayWarnings(stderr, setup.warnings);
    if (mode.check) {
      stdout.write(
        `configuration is valid: ${setup.options.upstreams.length} upstream(s), ${
          setup.model
            ? `${setup.model.operations.length} operations from ${loaded.config.gateway.routing?.spec}`
            : 'no API description'
        }, policies: ${Object.keys(setup.options.policies ?? {}).join(', ') || 'none'}; ${setup.warnings.length} warning(s)\n`,
      );
      return EXIT_CODES.ok;
    }
  }
  if (workers > 1) {
    if (mode.monitor)
      stderr.write(
        `rampart: warning: with ${workers} workers each worker runs its own monitor over its share of the traffic; detections that count per actor see only part of it\n`,
      );
    return runGatewayCluster({
      workers,
      log: stderr,
      onReady: (ready) => stdout.write(mode.banner({ ...ready, workers })),
    });
  }

  const service: GatewayService = await startGatewayService({
    loadConfig,
    cwd,
    env,
    log: stderr,
    monitor: mode.monitor,
  });
  stdout.write(
    mode.banner({
      type: WORKER_READY,
      url: service.url,
      ...(service.adminUrl ? { adminUrl: service.adminUrl } : {}),
      storePath: resolve(cwd, service.storePath),
      workers: 1,
    }),
  );
  await service.closed;
  stderr.write('rampart: stopped\n');
  return EXIT_CODES.ok;
}
