import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { auditGatewayConfig } from '@rampart/audit';
import type { Finding } from '@rampart/core';
import type { GatewayOptions } from '@rampart/gateway';
import { type ApiModel, loadApi } from '@rampart/openapi';
import { buildGatewayOptions } from './build-gateway-options.js';
import { type ConfigLocator, createConfigLocator } from './config/create-config-locator.js';
import type { LoadConfigResult } from './config/load-config.js';
import { locateGatewayProblems } from './locate-gateway-problems.js';

/** Everything needed to start or reload the gateway from one reading of the configuration. */
export interface GatewaySetup {
  /** The gateway's options, without the ports (event sink, blocklist, logger). */
  readonly options: GatewayOptions;
  readonly model: ApiModel | undefined;
  /** Absolute path of the configuration file, when there is one. */
  readonly configFile: string | undefined;
  /** Absolute path of `routing.spec` when it is a local file (watched for changes). */
  readonly specFile: string | undefined;
  /**
   * Absolute paths of the upstreams' TLS files (`caFile`, `certFile`, `keyFile`), watched for changes: a
   * rotated client certificate or CA bundle is picked up by a reload, which builds new upstream connections.
   */
  readonly upstreamTlsFiles: readonly string[];
  /** Insecure settings: the config audit's findings on the effective configuration. */
  readonly warnings: readonly Finding[];
  /** Positions in the configuration file, for messages. */
  readonly locator: ConfigLocator | undefined;
}

/**
 * Turns a loaded configuration into a gateway setup: loads `routing.spec` (relative to the configuration file),
 * maps the `gateway` section onto `GatewayOptions`, and audits the effective configuration for insecure settings
 * (warnings, with the file line of each setting). Throws the description's load error, or a
 * `RampartValidationError` whose problems name `gateway.…` paths with their line in the file.
 */
export async function resolveGatewaySetup(
  loaded: LoadConfigResult,
  context: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
): Promise<GatewaySetup> {
  const configFile = loaded.file === undefined ? undefined : resolve(context.cwd, loaded.file);
  const baseDir = configFile ? dirname(configFile) : context.cwd;
  const locator =
    configFile && loaded.file
      ? createConfigLocator(await readFile(configFile, 'utf8'), loaded.file)
      : undefined;
  const config = loaded.config.gateway;
  const spec = config.routing?.spec;
  let model: ApiModel | undefined;
  let specFile: string | undefined;
  if (spec !== undefined) {
    const remote = /^https?:\/\//i.test(spec);
    specFile = remote ? undefined : isAbsolute(spec) ? spec : resolve(baseDir, spec);
    model = await loadApi(specFile ?? spec);
  }
  let options: GatewayOptions;
  try {
    options = buildGatewayOptions({ config, baseDir, env: context.env, ...(model ? { model } : {}) });
  } catch (error) {
    throw locateGatewayProblems(error, locator);
  }
  const audit = auditGatewayConfig({
    config,
    file: loaded.file ?? '(defaults)',
    ...(locator ? { locate: (pointer: string) => locator.locatePointer(pointer) } : {}),
    ...(model ? { model } : {}),
  });
  const upstreamTlsFiles = options.upstreams.flatMap((u) =>
    typeof u === 'string' || !u.tls ? [] : [u.tls.caFile, u.tls.certFile, u.tls.keyFile],
  );
  return {
    options,
    model,
    configFile,
    specFile,
    upstreamTlsFiles: upstreamTlsFiles.filter((f): f is string => f !== undefined),
    warnings: audit.findings,
    locator,
  };
}
