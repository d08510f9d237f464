import { type Problem, RampartValidationError, Secret, type SourceLocation } from '@rampart/core';
import { LineCounter, parseDocument } from 'yaml';
import { suggestClosest } from '../suggest-closest.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import {
  CLI_ENV_VARIABLES,
  type ConfigSetting,
  coerceSettingValue,
  listConfigSettings,
  type SchemaNode,
} from './config-settings.js';
import { describeSchemaErrors } from './describe-schema-errors.js';
import { locateYamlNode } from './locate-yaml-node.js';
import type { RampartConfig } from './rampart-config.js';
import { validateConfigSchema } from './validate-config-schema.js';

/** One value set on the command line, applied over the file and the environment. */
export interface ConfigOverride {
  /** The dotted key, e.g. `audit.failOn`. */
  readonly key: string;
  /** The text as given (converted to the key's type like an environment variable), or an already typed value. */
  readonly value: unknown;
  /** How the user wrote it, for messages: `--fail-on`, `--set audit.failOn=low`. */
  readonly origin: string;
}

export interface ParseConfigInput {
  /** The YAML text of the configuration file; absent when no file is used. */
  readonly text?: string;
  /** The file's name as the user gave it, for messages and positions. */
  readonly file?: string;
  /** Environment variables; `RAMPART_<SECTION>_<KEY>` ones override the file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Command-line values; they override the environment. */
  readonly overrides?: readonly ConfigOverride[];
}

/** The effective configuration and how it came about. */
export interface LoadedConfig {
  /** Deep-frozen, defaults filled in, secrets wrapped in `Secret`. */
  readonly config: RampartConfig;
  /** The configuration file that was read, as named, or undefined when none was. */
  readonly file: string | undefined;
  /** Keys set by an environment variable or a flag, and which one: `audit.failOn` → `RAMPART_AUDIT_FAIL_ON`. */
  readonly overridden: ReadonlyMap<string, string>;
  /** Notices that do not stop the run (an unknown `RAMPART_*` variable, a YAML warning), for standard error. */
  readonly warnings: readonly string[];
}

type Mutable = Record<string, unknown>;

/**
 * Builds the effective configuration from the file's text, the environment and command-line overrides, in that
 * order of increasing precedence, then validates it against `CONFIG_SCHEMA`, fills in defaults, wraps secrets and
 * deep-freezes the result. Pure: no file system or process access (see `loadConfig` for the lookup).
 *
 * Throws one `RampartValidationError` (`RAMPART_ERR_CONFIG_INVALID`) that lists every problem at once: invalid
 * YAML with its line:column, unknown keys with a did-you-mean, wrong values with the path, the value, the fix and
 * where they were set (file line:column, environment variable or flag).
 */
export function parseConfig(input: ParseConfigInput = {}): LoadedConfig {
  const file = input.file ?? 'rampart.yaml';
  const lineCounter = new LineCounter();
  const document =
    input.text === undefined
      ? undefined
      : parseDocument(input.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const warnings: string[] = [];
  const problems: Problem[] = [];

  if (document) {
    for (const error of document.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.push({
        path: '(yaml)',
        message: firstLine(error.message),
        hint: 'fix the YAML syntax at this position',
        location: { file, line, column: col },
      });
    }
    for (const warning of document.warnings) {
      const { line, col } = lineCounter.linePos(warning.pos[0]);
      warnings.push(`${file}:${line}:${col}: ${firstLine(warning.message)}`);
    }
    if (problems.length > 0) throw invalid(file, problems, true);
  }

  let data: unknown = document ? document.toJS({ maxAliasCount: 100 }) : {};
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw invalid(file, [
      {
        path: '(top level)',
        message: `must be a mapping of sections (audit, scan, gateway, monitor, store, console), got ${Array.isArray(data) ? 'a list' : JSON.stringify(data)}`,
        hint: 'start the file with a section name, e.g. "audit:"',
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  const root = data as Mutable;

  const settings = listConfigSettings();
  const byKey = new Map(settings.map((s) => [s.key, s]));
  const overridden = new Map<string, string>();

  const env = input.env ?? {};
  const knownEnv = new Set<string>([...settings.map((s) => s.env), ...Object.keys(CLI_ENV_VARIABLES)]);
  for (const setting of settings) {
    const text = env[setting.env];
    if (text === undefined || text === '') continue;
    setAt(root, setting.path, coerceSettingValue(setting, text));
    overridden.set(setting.key, setting.env);
  }
  for (const name of Object.keys(env)) {
    if (!name.startsWith('RAMPART_') || knownEnv.has(name)) continue;
    const suggestion = suggestClosest(name, knownEnv);
    warnings.push(
      `environment variable ${name} is not a Rampart setting and is ignored${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    );
  }

  for (const override of input.overrides ?? []) {
    const setting = byKey.get(override.key);
    if (!setting) {
      problems.push(unknownSettingProblem(override, settings));
      continue;
    }
    const value =
      typeof override.value === 'string' ? coerceSettingValue(setting, override.value) : override.value;
    setAt(root, setting.path, value);
    overridden.set(setting.key, override.origin);
  }

  const originOf = (path: readonly (string | number)[]): string | undefined => {
    for (let i = path.length; i > 0; i--) {
      const origin = overridden.get(path.slice(0, i).join('.'));
      if (origin) return origin;
    }
    return undefined;
  };
  const locate = (path: readonly (string | number)[], part: 'key' | 'value'): SourceLocation | undefined => {
    if (!document) return undefined;
    const position = locateYamlNode(document, lineCounter, path, part);
    return position ? { file, line: position.line, column: position.column } : undefined;
  };
  problems.push(...describeSchemaErrors(validateConfigSchema(root), { locate, originOf }));
  if (problems.length > 0) throw invalid(file, problems, document !== undefined);

  const ordered = orderLikeSchema(root, CONFIG_SCHEMA) as Mutable;
  wrapSecrets(ordered, CONFIG_SCHEMA);
  return {
    config: deepFreeze(ordered) as unknown as RampartConfig,
    file: input.text === undefined ? undefined : file,
    overridden,
    warnings,
  };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

function invalid(file: string, problems: readonly Problem[], fromFile = true): RampartValidationError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const where = fromFile ? ` in ${file}` : '';
  return new RampartValidationError(
    'RAMPART_ERR_CONFIG_INVALID',
    `invalid configuration${where}: ${count}`,
    problems,
    {
      ...(fromFile ? { location: { file } } : {}),
      hint: '"rampart config schema" prints every key; docs/configuration.md explains them',
    },
  );
}

function unknownSettingProblem(override: ConfigOverride, settings: readonly ConfigSetting[]): Problem {
  const suggestion = suggestClosest(
    override.key,
    settings.map((s) => s.key),
  );
  return {
    path: override.key,
    message: `cannot be set by ${override.origin}: not a key that flags can set${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    hint: suggestion
      ? `write ${suggestion}=...`
      : 'lists of objects and maps are set in the file; "rampart config schema" lists every key',
  };
}

function setAt(root: Mutable, path: readonly string[], value: unknown): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Mutable;
  }
  node[path[path.length - 1] as string] = value;
}

/** A copy whose object keys follow the schema's property order (as documented), whatever order they were set in. */
function orderLikeSchema(data: unknown, schema: SchemaNode): unknown {
  if (Array.isArray(data)) {
    const items = (schema.items ?? {}) as SchemaNode;
    return data.map((item) => orderLikeSchema(item, items));
  }
  if (data === null || typeof data !== 'object') return data;
  const properties = (schema.properties ?? {}) as Record<string, SchemaNode>;
  const record = data as Mutable;
  const out: Mutable = {};
  for (const [key, child] of Object.entries(properties)) {
    if (key in record) out[key] = orderLikeSchema(record[key], child);
  }
  for (const [key, value] of Object.entries(record)) if (!(key in out)) out[key] = value;
  return out;
}

/** Replaces every string at a property marked `x-rampart-secret` with a `Secret`. */
function wrapSecrets(data: unknown, schema: SchemaNode): void {
  if (data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    const items = schema.items as SchemaNode | undefined;
    if (items) for (const item of data) wrapSecrets(item, items);
    return;
  }
  const properties = (schema.properties ?? {}) as Record<string, SchemaNode>;
  const record = data as Mutable;
  for (const [key, value] of Object.entries(record)) {
    const child = properties[key];
    if (!child) continue;
    if (child['x-rampart-secret'] === true && typeof value === 'string') record[key] = new Secret(value);
    else wrapSecrets(value, child);
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || value instanceof Secret || Object.isFrozen(value)) {
    return value;
  }
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
