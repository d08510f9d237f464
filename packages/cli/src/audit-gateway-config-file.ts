import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { type AuditedGatewayConfig, auditGatewayConfig, type GatewayConfigRule } from '@rampart/audit';
import { RampartError } from '@rampart/core';
import { type ApiModel, loadApi } from '@rampart/openapi';
import type { AuditedDocument } from './build-audit-report.js';
import { createConfigLocator } from './config/create-config-locator.js';
import { parseConfig } from './config/parse-config.js';

/** Which gateway-config rules run: the `gateway-…` ids of `audit.rules`. */
export interface GatewayConfigRuleSelection {
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  readonly severityOverrides?: Readonly<Record<string, import('@rampart/core').Severity>>;
}

/** The audit of one `rampart.yaml`, ready for the audit report. */
export interface GatewayConfigFileAudit {
  readonly document: AuditedDocument;
  readonly rulesRun: readonly GatewayConfigRule[];
  /** Why the gateway would refuse this file (schema problems), when it would: the run then exits 2. */
  readonly invalid: unknown;
  /** Why `routing.spec` could not be loaded, when it could not (the rules that need it were skipped). */
  readonly specError: unknown;
}

/**
 * Audits the `gateway` section of a configuration file as written (no environment variables or flags applied):
 * the file is parsed with its source positions, each finding points at the setting's line, and the description
 * named by `routing.spec` (relative to the file) is loaded for the rules that need it. The file is also
 * validated against the configuration schema: problems there do not stop the audit (an invalid file is when
 * the audit helps most), they are returned in `invalid`. Throws `RAMPART_ERR_CONFIG_READ` when the file cannot be
 * read.
 */
export async function auditGatewayConfigFile(
  file: string,
  options: { readonly cwd: string; readonly selection?: GatewayConfigRuleSelection },
): Promise<GatewayConfigFileAudit> {
  const path = resolve(options.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RampartError('RAMPART_ERR_CONFIG_READ', `gateway configuration ${file} cannot be read`, {
      cause,
      location: { file },
      hint: 'check the path given to --gateway-config',
    });
  }
  let invalid: unknown;
  try {
    parseConfig({ text, file, env: {} });
  } catch (error) {
    invalid = error;
  }
  const locator = createConfigLocator(text, file);
  const root = locator.data;
  const section =
    typeof root === 'object' && root !== null ? (root as Record<string, unknown>)['gateway'] : undefined;
  const spec = (section as AuditedGatewayConfig | undefined)?.routing?.spec;
  let model: ApiModel | undefined;
  let specError: unknown;
  if (typeof spec === 'string' && spec !== '') {
    try {
      model = await loadApi(
        /^https?:\/\//i.test(spec) || isAbsolute(spec) ? spec : resolve(dirname(path), spec),
      );
    } catch (error) {
      specError = error;
    }
  }
  const result = auditGatewayConfig(
    {
      config: section,
      file,
      locate: (pointer) => locator.locatePointer(pointer),
      ...(model ? { model } : {}),
    },
    options.selection ?? {},
  );
  return {
    document: {
      name: file,
      title: 'gateway configuration',
      specVersion: 'rampart.yaml',
      operations: 0,
      findings: result.findings,
      accepted: [],
      suppressed: [],
      engineErrors: result.engineErrors,
      score: result.score,
    },
    rulesRun: result.rulesRun,
    invalid,
    specError,
  };
}
